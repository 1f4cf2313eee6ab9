"""Citas de una clínica veterinaria, en su propio esquema de PostgreSQL."""
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.dialects import postgresql

from clinica.limites import LARGO_CODIGO, LARGO_NOMBRE, OPCIONAL

db = SQLAlchemy()

ESQUEMA = "clinica"
ESTADO_INICIAL = "pendiente"
MASCOTA_ID = "clinica.mascotas.id"

estado_cita = postgresql.ENUM("pendiente", "confirmada", "cancelada", name="estado_cita", schema=ESQUEMA, create_type=False)


class Mascota(db.Model):
    __tablename__ = "mascotas"
    __table_args__ = {"schema": ESQUEMA}
    id = db.Column(db.BigInteger, db.Identity(always=True), primary_key=True)
    nombre = db.Column(db.String(LARGO_NOMBRE), nullable=False)
    chip = db.Column(db.String(LARGO_CODIGO), nullable=OPCIONAL, unique=True)


class Cita(db.Model):
    __tablename__ = "citas"
    __table_args__ = (db.Index("idx_citas_mascota", "mascota_id"), {"schema": ESQUEMA})
    id = db.Column(db.BigInteger, db.Identity(always=True), primary_key=True)
    mascota_id = db.Column(db.BigInteger, db.ForeignKey(MASCOTA_ID, ondelete="RESTRICT"), nullable=False)
    estado = db.Column(estado_cita, nullable=False, server_default=ESTADO_INICIAL)
    motivo = db.Column(db.String(LARGO_NOMBRE), nullable=False)
