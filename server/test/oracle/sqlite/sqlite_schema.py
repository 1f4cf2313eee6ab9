"""Normalized schema of a SQLite file, from sqlite_master and the PRAGMAs, for comparing databases.

Usage: sqlite_schema.py schema FILE | create_all PROJECT_DIR FILE | rows FILE TABLE...
Constraint names are left out: SQLite keeps them only in the CREATE TABLE text, never in the PRAGMAs.
"""
import json
import os
import sqlite3
import sys


def schema(path):
    con = sqlite3.connect(path)
    out = {}
    tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' and name != 'alembic_version' order by name")]
    for t in tables:
        q = '"' + t.replace('"', '""') + '"'
        cols = {r[1]: {'type': r[2].upper(), 'notnull': r[3], 'default': r[4], 'pk': r[5]} for r in con.execute(f'pragma table_info({q})')}
        indexes = []
        for r in con.execute(f'pragma index_list({q})'):
            name, unique, origin = r[1], r[2], r[3]
            if origin == 'pk':
                continue
            columns = [c[2] for c in con.execute(f'pragma index_info("{name}")')]
            indexes.append({'name': name if origin == 'c' else None, 'unique': unique, 'origin': origin, 'columns': columns})
        fks = [{'table': r[2], 'from': r[3], 'to': r[4], 'on_delete': r[6]} for r in con.execute(f'pragma foreign_key_list({q})')]
        out[t] = {'columns': cols, 'indexes': sorted(indexes, key=json.dumps), 'foreignKeys': sorted(fks, key=json.dumps)}
    version = None
    if con.execute("select 1 from sqlite_master where name='alembic_version'").fetchone():
        version = sorted(r[0] for r in con.execute('select version_num from alembic_version'))
    integrity = con.execute('pragma integrity_check').fetchone()[0]
    con.close()
    return {'tables': out, 'alembic_version': version, 'integrity': integrity}


def create_all(project, path):
    sys.path.insert(0, project)
    os.environ['DATABASE_URL'] = 'sqlite:///' + path
    from app import app, db  # the fixture's own app
    with app.app_context():
        db.create_all()


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'schema':
        print(json.dumps(schema(sys.argv[2]), sort_keys=True))
    elif cmd == 'create_all':
        create_all(sys.argv[2], sys.argv[3])
    elif cmd == 'rows':
        con = sqlite3.connect(sys.argv[2])
        con.row_factory = sqlite3.Row
        print(json.dumps({t: [dict(r) for r in con.execute(f'select * from "{t}" order by 1')] for t in sys.argv[3:]}, sort_keys=True))
