"""``bazaar-pos hub init|join|sync|status`` end to end, exit codes; the password never shows."""

from __future__ import annotations

import time

from tests.helpers.cli import bazaar_pos, bazaar_pos_on_a_terminal
from tests.helpers.fault_proxy import fault_proxy
from tests.services.hub.conftest import PASSWORD, hub_url


def test_a_join_on_a_terminal_shows_the_records_going_and_coming(
    postgres_server, postgres_database, tmp_path
):
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    till = tmp_path / "till.sqlite"
    url = hub_url(postgres_server, postgres_database)
    assert bazaar_pos("hub", "init", url, env=env).returncode == 0
    products = tmp_path / "products.csv"
    products.write_text("sku,name,price,stock\nBTK-1,Batik tulis,250000,3\n", encoding="utf-8")
    assert bazaar_pos("--db", till, "products", "import", products, env=env).returncode == 0
    done, shown = bazaar_pos_on_a_terminal(
        "--db", till, "hub", "join", url, "--till", "Kasir depan", env=env
    )
    assert done.returncode == 0, shown
    assert "\rJoining the hub" in shown
    assert "\rSending records to the hub [" in shown
    assert "\rReceiving records from other tills" in shown
    assert shown.endswith("\r")
    assert "joined the hub as Kasir depan" in done.stdout


def test_init_join_sync_and_status_from_the_command_line(
    postgres_server, postgres_database, tmp_path
):
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}
    till = tmp_path / "till.sqlite"
    url = hub_url(postgres_server, postgres_database)
    outputs = []

    def run(*args):
        done = bazaar_pos(*args, env=env)
        outputs.extend([done.stdout, done.stderr])
        return done

    init = run("hub", "init", url)
    assert init.returncode == 0, init.stderr
    assert "is ready" in init.stdout
    assert run("hub", "init", url).stdout.count("up to date") == 1
    products = tmp_path / "products.csv"
    products.write_text("sku,name,price\nBTK-1,Batik tulis,250000\n", encoding="utf-8")
    added = run("--db", till, "products", "import", products)
    assert added.returncode == 0, added.stderr
    join = run("--db", till, "hub", "join", url, "--till", "Kasir depan")
    assert join.returncode == 0, join.stderr
    assert join.stderr == ""  # piped: no progress lines
    assert "joined the hub as Kasir depan. Its receipt numbers start with A." in join.stdout
    assert "Sent: 0" not in join.stdout
    sync = run("--db", till, "hub", "sync")
    assert (sync.returncode, sync.stderr) == (0, "")
    assert "Sent: 0" in sync.stdout
    status = run("--db", till, "hub", "status")
    assert status.returncode == 0
    assert f"Hub: postgresql://postgres:***@127.0.0.1:{postgres_server.port}/" in status.stdout
    assert "Till: Kasir depan" in status.stdout
    assert "Records waiting: 0" in status.stdout
    assert "Records refused: 0" in status.stdout
    with fault_proxy(postgres_server.host, postgres_server.port) as proxy:
        proxied = hub_url(postgres_server, postgres_database, port=proxy.port)
        assert run("--db", till, "hub", "join", proxied, "--till", "Kasir depan").returncode == 0
        proxy.blackhole()
        started = time.monotonic()
        offline = run("--db", till, "hub", "sync")
        elapsed = time.monotonic() - started
    assert offline.returncode == 1
    assert elapsed < 30
    assert "cannot be reached" in offline.stderr
    later = run("--db", till, "hub", "status")
    assert "Offline since:" in later.stdout
    assert "Last error:" in later.stdout
    logs = [path.read_text() for path in (tmp_path / "state").rglob("*") if path.is_file()]
    assert logs
    for text in [*outputs, *logs]:
        assert PASSWORD not in text
        assert "rahasia" not in text
    password_file = till.with_name(till.name + ".hubpass")
    assert password_file.stat().st_mode & 0o077 == 0
    assert "Kop1-rahasia\\:pw" in password_file.read_text()


def test_sync_before_joining_says_how_to_join(tmp_path):
    done = bazaar_pos("--db", tmp_path / "till.sqlite", "hub", "sync")
    assert done.returncode == 1
    assert "bazaar-pos hub join URL --till NAME" in done.stderr
