// A small library app's history, written like Flask-Migrate's autogenerate output: tables, enums,
// foreign keys with ondelete, indexes, unique and check constraints, a type widening and a dropped column.
import type { RevisionSource } from './flaskProject';

export const LIBRARY: RevisionSource[] = [
  {
    revision: '1f0a2b3c4d01',
    down: null,
    message: 'create author',
    upgrade: `
op.create_table('author',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=True),
    sa.PrimaryKeyConstraint('id')
)
with op.batch_alter_table('author', schema=None) as batch_op:
    batch_op.create_index(batch_op.f('ix_author_email'), ['email'], unique=True)`,
    downgrade: `
with op.batch_alter_table('author', schema=None) as batch_op:
    batch_op.drop_index(batch_op.f('ix_author_email'))

op.drop_table('author')`,
  },
  {
    revision: '2f0a2b3c4d02',
    down: '1f0a2b3c4d01',
    message: 'create book',
    upgrade: `
op.create_table('book',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('isbn', sa.String(length=20), nullable=True),
    sa.Column('status', sa.Enum('draft', 'published', name='book_status'), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['author.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('isbn')
)`,
    downgrade: `
op.drop_table('book')
sa.Enum(name='book_status').drop(op.get_bind(), checkfirst=False)`,
  },
  {
    revision: '3f0a2b3c4d03',
    down: '2f0a2b3c4d02',
    message: 'price and checks',
    upgrade: `
with op.batch_alter_table('book', schema=None) as batch_op:
    batch_op.add_column(sa.Column('price', sa.Numeric(precision=8, scale=2), server_default='0', nullable=False))
    batch_op.create_check_constraint('ck_book_price_positive', 'price >= 0')
    batch_op.alter_column('title', existing_type=sa.String(length=200), type_=sa.String(length=300), existing_nullable=False)`,
    downgrade: `
with op.batch_alter_table('book', schema=None) as batch_op:
    batch_op.alter_column('title', existing_type=sa.String(length=300), type_=sa.String(length=200), existing_nullable=False)
    batch_op.drop_constraint('ck_book_price_positive', type_='check')
    batch_op.drop_column('price')`,
  },
  {
    revision: '4f0a2b3c4d04',
    down: '3f0a2b3c4d03',
    message: 'drop isbn',
    upgrade: `
with op.batch_alter_table('book', schema=None) as batch_op:
    batch_op.drop_constraint('book_isbn_key', type_='unique')
    batch_op.drop_column('isbn')`,
    downgrade: `
with op.batch_alter_table('book', schema=None) as batch_op:
    batch_op.add_column(sa.Column('isbn', sa.VARCHAR(length=20), autoincrement=False, nullable=True))
    batch_op.create_unique_constraint('book_isbn_key', ['isbn'])`,
  },
];

export const LIBRARY_HEAD = '4f0a2b3c4d04';
