import pytest

from sglang_safekv import tenancy


def test_stamp_verifies_to_its_tenant():
    assert tenancy.verify(tenancy.stamp("alice")) == "alice"
    assert tenancy.tenant_of(tenancy.stamp("bob"), "r1") == "bob"


def test_tenant_names_with_colons_round_trip():
    assert tenancy.verify(tenancy.stamp("org:team:alice")) == "org:team:alice"


@pytest.mark.parametrize(
    "salt",
    [
        None,
        "",
        "alice",  # a client-chosen cache_salt
        "safekv1:alice",  # no MAC
        "safekv1:alice:" + "0" * 32,  # forged MAC
    ],
)
def test_anything_but_a_valid_stamp_is_not_a_tenant(salt):
    assert tenancy.verify(salt) is None


def test_a_stamp_for_one_tenant_cannot_be_relabelled():
    mac = tenancy.stamp("alice").rsplit(":", 1)[1]
    assert tenancy.verify(f"safekv1:mallory:{mac}") is None


def test_unstamped_requests_are_each_their_own_tenant():
    a = tenancy.tenant_of("alice", "req-1")
    b = tenancy.tenant_of("alice", "req-2")
    assert a != b
    assert a.startswith(tenancy.ANONYMOUS_PREFIX)
    assert tenancy.tenant_of(None, None) != tenancy.tenant_of(None, None)


def test_empty_tenant_name_is_rejected():
    with pytest.raises(ValueError):
        tenancy.stamp("")
