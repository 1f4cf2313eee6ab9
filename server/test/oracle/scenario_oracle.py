"""The real tools for the scenario oracle: Flask-Migrate / Alembic / SQLAlchemy, run in-process for
every scenario at once (one Python start-up per phase).

phase "before": flask db init + migrate + upgrade of the "before" models into two schemas,
create_all of the "after" models into a third, and Alembic's autogenerate comparison (compare_type=True)
of the "after" models against the "before" database.
Also real `flask db migrate` of the "after" models in a scratch copy of the project (Alembic's own
revision file), with the base upgraded into a fourth schema to try that file on.
phase "after": flask db upgrade (our revision) in the first schema; upgrade then downgrade -1 in the
second; `flask db upgrade --sql` (offline) for the whole history; and Alembic's own revision
upgraded in the fourth schema (its error, if any, is reported).

Usage: python3 scenario_oracle.py PHASE < scenarios.json > results.json
Each scenario: {"name", "index", "dir", "afterModels", "urls": {"up", "down", "after", "alembic"}}. Results: {name: {...}} per scenario.
"""
import contextlib
import importlib.util
import io
import json
import logging
import shutil
import sys
import traceback

from flask import Flask
from flask_migrate import Migrate, downgrade, init, migrate, upgrade
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

logging.disable(logging.WARNING)


def load_models(path, module_name):
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_app(db, url, directory):
    app = Flask(f"mg_{abs(hash((url, directory)))}")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
    db.init_app(app)
    Migrate(app, db, directory=directory, compare_type=True)
    return app


def cols(columns):
    return ",".join(c.name for c in columns)


def describe_diff(diff):
    """Alembic's diff tuples as short stable strings."""
    if isinstance(diff, list):
        return [describe_diff(d)[0] for d in diff]
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        return [f"{kind} {diff[1].name}"]
    if kind in ("add_column", "remove_column"):
        return [f"{kind} {diff[2]}.{diff[3].name}"]
    if kind in ("add_index", "remove_index"):
        return [f"{kind} {diff[1].table.name}.{diff[1].name}"]
    if kind in ("add_constraint", "remove_constraint"):
        return [f"{kind.replace('constraint', 'unique')} {diff[1].table.name}({cols(diff[1].columns)})"]
    if kind in ("add_fk", "remove_fk"):
        fk = diff[1]
        return [f"{kind} {fk.parent.name}({cols(fk.columns)})->{fk.referred_table.name}"]
    if kind.startswith("modify_"):
        return [f"{kind} {diff[2]}.{diff[3]}"]
    return [f"{kind} ?"]


def phase_before(scenario):
    d = scenario["dir"]
    urls = scenario["urls"]
    result = {}
    before = load_models(f"{d}/models.py", f"mg_before_{scenario['index']}")
    app_up = make_app(before.db, urls["up"], f"{d}/migrations")
    with app_up.app_context():
        with contextlib.redirect_stdout(io.StringIO()):
            init(directory=f"{d}/migrations")
            migrate(directory=f"{d}/migrations", message="base")
            upgrade(directory=f"{d}/migrations")
    app_down = make_app(before.db, urls["down"], f"{d}/migrations")
    with app_down.app_context():
        with contextlib.redirect_stdout(io.StringIO()):
            upgrade(directory=f"{d}/migrations")
    after = load_models(scenario["afterModels"], f"mg_after_{scenario['index']}")
    app_after = make_app(after.db, urls["after"], f"{d}/migrations")
    with app_after.app_context():
        after.db.create_all()
    app_cmp = make_app(after.db, urls["up"], f"{d}/migrations")
    with app_cmp.app_context():
        with after.db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, after.db.metadata)
    result["alembic"] = sorted(s for d in diffs for s in describe_diff(d))
    scratch = f"{d}_alembic"
    shutil.copytree(d, scratch)
    app_alembic = make_app(after.db, urls["alembic"], f"{scratch}/migrations")
    with app_alembic.app_context(), contextlib.redirect_stdout(io.StringIO()):
        upgrade(directory=f"{scratch}/migrations")
        migrate(directory=f"{scratch}/migrations", message="alembic change")
    return result


def phase_after(scenario):
    d = scenario["dir"]
    urls = scenario["urls"]
    result = {}
    models = load_models(f"{d}/models.py", f"mg_final_{scenario['index']}")
    app_up = make_app(models.db, urls["up"], f"{d}/migrations")
    with app_up.app_context(), contextlib.redirect_stdout(io.StringIO()):
        upgrade(directory=f"{d}/migrations")
    app_down = make_app(models.db, urls["down"], f"{d}/migrations")
    with app_down.app_context(), contextlib.redirect_stdout(io.StringIO()):
        upgrade(directory=f"{d}/migrations")
        downgrade(directory=f"{d}/migrations", revision="-1")
    out = io.StringIO()
    with app_up.app_context(), contextlib.redirect_stdout(out):
        upgrade(directory=f"{d}/migrations", sql=True)
    result["offlineSql"] = out.getvalue()
    scratch = f"{d}_alembic"
    app_alembic = make_app(models.db, urls["alembic"], f"{scratch}/migrations")
    try:
        with app_alembic.app_context(), contextlib.redirect_stdout(io.StringIO()):
            upgrade(directory=f"{scratch}/migrations")
        result["alembicUpgrade"] = None
    except BaseException as error:
        result["alembicUpgrade"] = f"{type(error).__name__}: {error}"
    return result


def main():
    phase = sys.argv[1]
    scenarios = json.load(sys.stdin)
    results = {}
    for scenario in scenarios:
        try:
            results[scenario["name"]] = (phase_before if phase == "before" else phase_after)(scenario)
        except BaseException as error:  # one scenario's failure must not hide the others
            results[scenario["name"]] = {"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-3000:]}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
