import pytest

from sglang_safekv.server import tenants
from sglang_safekv.server.tenants import TenantFileError, digest


def _toml(tmp_path, text, name="t.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_keys_map_to_tenants_and_only_digests_are_stored(tmp_path):
    key_a, dig_a = tenants.new_key()
    key_b, dig_b = tenants.new_key()
    path = _toml(
        tmp_path,
        f'[[tenants]]\nname = "alice"\nkey_sha256 = "{dig_a}"\n'
        f'[[tenants]]\nname = "alice"\nkey_sha256 = "{dig_b}"\n',
    )
    keys = tenants.load(path)
    assert key_a not in path.read_text()
    assert keys.tenant_for(key_a) == keys.tenant_for(key_b) == "alice"
    assert keys.tenant_for("sk-nope") is None
    assert keys.tenant_for("") is None and keys.tenant_for(None) is None
    assert not keys.is_admin(key_a)


def test_yaml_and_admin_key(tmp_path):
    _, dig = tenants.new_key()
    admin_key, admin_dig = tenants.new_key()
    path = _toml(
        tmp_path,
        f"admin:\n  key_sha256: {admin_dig}\ntenants:\n  - name: bob\n    key_sha256: {dig}\n",
        "t.yaml",
    )
    keys = tenants.load(path)
    assert keys.is_admin(admin_key)
    assert keys.tenants == {"bob"}
    extra = keys.with_admin_key("env-admin-key")
    assert extra.is_admin("env-admin-key") and extra.is_admin(admin_key)


@pytest.mark.parametrize(
    "body, fragment",
    [
        ("", "non-empty"),
        ('[[tenants]]\nname = "a"\n', "key_sha256"),
        ('[[tenants]]\nname = "a"\nkey_sha256 = "ABC"\n', "64 lowercase hex"),
        (f'[[tenants]]\nname = "__operator__"\nkey_sha256 = "{"a" * 64}"\n', "name must"),
        (f'[[tenants]]\nname = "a b"\nkey_sha256 = "{"a" * 64}"\n', "name must"),
        (
            f'[[tenants]]\nname = "a"\nkey_sha256 = "{"a" * 64}"\n'
            f'[[tenants]]\nname = "b"\nkey_sha256 = "{"a" * 64}"\n',
            "already belongs to tenant 'a'",
        ),
        (f'[[tenants]]\nname = "a"\nkey_sha256 = "{"a" * 64}"\nrole = "x"\n', "unknown key"),
        (
            f'[admin]\nkey_sha256 = "{"a" * 64}"\n[[tenants]]\nname = "a"\n'
            f'key_sha256 = "{"a" * 64}"\n',
            "admin key is also a tenant key",
        ),
        ("[[tenants]\n", "not valid TOML"),
        (
            f'[users]\nx = 1\n[[tenants]]\nname = "a"\nkey_sha256 = "{"a" * 64}"\n',
            "unknown section",
        ),
    ],
)
def test_malformed_files_give_clear_errors(tmp_path, body, fragment):
    with pytest.raises(TenantFileError, match=fragment.replace("[", r"\[")):
        tenants.load(_toml(tmp_path, body))


def test_missing_file(tmp_path):
    with pytest.raises(TenantFileError, match="does not exist"):
        tenants.load(tmp_path / "nope.toml")


def test_digest_is_sha256_hex():
    assert digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
