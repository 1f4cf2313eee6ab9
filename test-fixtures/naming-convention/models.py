from extensions import db


class Team(db.Model):
    __tablename__ = 'teams'
    __table_args__ = (db.CheckConstraint('code = upper(code)', 'uppercase_code'),)

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80), nullable=False, unique=True)
    code = db.Column(db.String(10), nullable=False)


class Member(db.Model):
    __tablename__ = 'members'
    __table_args__ = (
        db.Index(None, 'team_id', 'email', unique=True),
        db.UniqueConstraint('team_id', 'role'),
    )

    id = db.Column(db.Integer, primary_key=True)
    team_id = db.Column(db.ForeignKey('teams.id'), nullable=False, index=True)
    email = db.Column(db.String(120), nullable=False)
    role = db.Column(db.String(20), nullable=False)


class AuditEntry(db.Model):
    __tablename__ = 'membership_audit_entries_for_compliance_reporting'
    __table_args__ = (db.Index('ix_audit_recorded_at', 'recorded_at'),)

    id = db.Column(db.Integer, primary_key=True)
    recorded_at = db.Column(db.DateTime, nullable=False)
    recorded_by_member_identifier = db.Column(db.Integer, index=True)
