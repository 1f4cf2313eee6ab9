from coaster.sqlalchemy import add_primary_relationship
from flask_sqlalchemy import SQLAlchemy

from .helpers import add_audit_columns, add_search_trigger, make_link_table

db = SQLAlchemy()


class Project(db.Model):
    __tablename__ = "project"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)


class Venue(db.Model):
    __tablename__ = "venue"
    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("project.id"), nullable=False)
    name = db.Column(db.String(80), nullable=False)


class Sponsor(db.Model):
    __tablename__ = "sponsor"
    id = db.Column(db.Integer, primary_key=True)


class Badge(db.Model):
    __tablename__ = "badge"
    id = db.Column(db.Integer, primary_key=True)


class Ticket(db.Model):
    __tablename__ = "ticket"
    id = db.Column(db.Integer, primary_key=True)
    price = db.Column(db.Integer, nullable=False)


class Order(db.Model):
    __tablename__ = "order"
    id = db.Column(db.Integer, primary_key=True)
    total = db.Column(db.Integer, nullable=False)


# A library function (coaster) builds the table "project_venue_primary" when this module is imported.
project_venue_primary_table = add_primary_relationship(Project, "primary_venue", Venue, "project", "project_id")

# The project's own helpers: followed. This one builds no table, so the "order_archive" table and the
# "order.legacy_code" column the models dropped stay data-loss warnings.
add_search_trigger(Order, "total")
# These two build a table ("sponsor_badge_link") and add a column ("ticket.created_by").
sponsor_badge_link = make_link_table(Sponsor, Badge)
add_audit_columns(Ticket)
