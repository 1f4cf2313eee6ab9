"""listings

Revision ID: 5e6f7a8b9c0d
Revises:
Create Date: 2026-12-02 01:30:00.000000

"""
from alembic import op
import sqlalchemy as sa
import sqlalchemy_utils

from catalog.models import Grade, KINDS, Status


# revision identifiers, used by Alembic.
revision = '5e6f7a8b9c0d'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # Autogenerate writes these types by their repr (`ChoiceType(length=255)`, which does not run):
    # written here as the project would fix them by hand.
    op.create_table('listings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sqlalchemy_utils.types.choice.ChoiceType(Status, impl=sa.Integer()), nullable=False),
    sa.Column('kind', sqlalchemy_utils.types.choice.ChoiceType(KINDS), nullable=True),
    sa.Column('grade', sqlalchemy_utils.types.choice.ChoiceType(Grade, sa.String(8)), nullable=True),
    sa.Column('email', sqlalchemy_utils.types.email.EmailType(length=255), nullable=True),
    sa.Column('backup_email', sqlalchemy_utils.types.email.EmailType(length=120), nullable=True),
    sa.Column('password', sqlalchemy_utils.types.password.PasswordType(max_length=255), nullable=False),
    sa.Column('token', sqlalchemy_utils.types.uuid.UUIDType(binary=False), nullable=True),
    sa.Column('legacy_token', sqlalchemy_utils.types.uuid.UUIDType(binary=False, native=False), nullable=True),
    sa.Column('settings', sqlalchemy_utils.types.json.JSONType(), nullable=True),
    sa.Column('homepage', sqlalchemy_utils.types.url.URLType(), nullable=True),
    sa.Column('last_ip', sqlalchemy_utils.types.ip_address.IPAddressType(max_length=60), nullable=True),
    sa.Column('tags', sqlalchemy_utils.types.scalar_list.ScalarListType(), nullable=True),
    sa.Column('published_at', sqlalchemy_utils.types.arrow.ArrowType(timezone=True), nullable=True),
    sa.Column('zone', sqlalchemy_utils.types.timezone.TimezoneType(), nullable=True),
    sa.Column('country', sqlalchemy_utils.types.country.CountryType(length=2), nullable=True),
    sa.Column('currency', sqlalchemy_utils.types.currency.CurrencyType(length=3), nullable=True),
    sa.Column('locale', sa.String(length=10), nullable=True),
    sa.Column('colour', sqlalchemy_utils.types.color.ColorType(max_length=7), nullable=True),
    sa.Column('phone', sqlalchemy_utils.types.phone_number.PhoneNumberType(max_length=32), nullable=True),
    sa.Column('open_days', sqlalchemy_utils.types.weekdays.WeekDaysType(length=7), nullable=True),
    sa.Column('search', sqlalchemy_utils.types.ts_vector.TSVectorType(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('email')
    )


def downgrade():
    op.drop_table('listings')
