"""mascotas y citas

Revision ID: 7a1c3e5b9d20
Revises: 
Create Date: 2026-12-02 02:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '7a1c3e5b9d20'
down_revision = None
branch_labels = None
depends_on = None

SCHEMA = "clinica"

estado_cita = postgresql.ENUM("pendiente", "confirmada", "cancelada", name="estado_cita", schema=SCHEMA, create_type=False)


def upgrade():
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    bind = op.get_bind()
    for enum_type in (estado_cita,):
        enum_type.create(bind, checkfirst=True)
    op.create_table('mascotas',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False),
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('chip', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chip'),
    schema='clinica'
    )
    op.create_table('citas',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=True), nullable=False),
    sa.Column('mascota_id', sa.BigInteger(), nullable=False),
    sa.Column('estado', estado_cita, server_default='pendiente', nullable=False),
    sa.Column('motivo', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['mascota_id'], ['clinica.mascotas.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    schema='clinica'
    )
    op.create_index('idx_citas_mascota', 'citas', ['mascota_id'], unique=False, schema='clinica')


def downgrade():
    op.drop_index('idx_citas_mascota', table_name='citas', schema='clinica')
    op.drop_table('citas', schema='clinica')
    op.drop_table('mascotas', schema='clinica')
    estado_cita.drop(op.get_bind(), checkfirst=True)
