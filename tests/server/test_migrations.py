"""The schema comes from migrations, on a fresh database and at start-up."""

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from server import create_app
from server.schema_upgrade import MIGRATIONS_DIR


def test_db_upgrade_builds_a_fresh_database(app_config, tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    app = create_app({**app_config, "DATABASE_URL": url, "AUTO_MIGRATE": False})
    engine = create_engine(url)
    assert "consent_record" not in inspect(engine).get_table_names()
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    tables = inspect(engine).get_table_names()
    assert {"consent_record", "ledger_checkpoint", "ledger_publication"} <= set(tables)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert [version] == ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    engine.dispose()


def test_models_match_the_migrations(app):
    """An empty autogenerate means nobody changed a model without a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from server import db

    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_auto_migrate_is_idempotent(app_config):
    create_app(app_config)
    app = create_app(app_config)  # second start: already at head, nothing to do
    assert app.test_client().get("/healthz").json["database"] == "ok"


def test_postgres_fresh_database_upgrades(app_config, postgres_url):
    app = create_app({**app_config, "DATABASE_URL": postgres_url, "AUTO_MIGRATE": False})
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    engine = create_engine(postgres_url)
    assert "consent_record" in inspect(engine).get_table_names()
    engine.dispose()
    from server import db

    with app.app_context():
        db.engine.dispose()
