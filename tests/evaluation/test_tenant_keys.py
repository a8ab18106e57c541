from sglang_safekv.server import tenants
from sglang_safekv.tooling.evaluation.tenant_keys import TenantDirectory


def test_key_file_is_accepted_by_the_servers_parser(tmp_path):
    directory = TenantDirectory(["alice", "bob", "attacker000"])
    keys = tenants.load(directory.write(tmp_path / "tenants.toml"))
    for name in ("alice", "bob", "attacker000"):
        assert keys.tenant_for(directory.key_for(name)) == name
    assert keys.is_admin(directory.admin_key)
    assert keys.tenant_for(directory.admin_key) is None
    assert directory.key_for("alice") not in (tmp_path / "tenants.toml").read_text()


def test_keys_are_fresh_per_directory():
    a, b = TenantDirectory(["alice"]), TenantDirectory(["alice"])
    assert a.key_for("alice") != b.key_for("alice")
