"""Access keys (create, list, rotate, revoke), the admin key's rotation and the audit log, against a real server
started with ``--auth required`` (issue 18)."""

from datetime import datetime, timedelta, timezone

import pytest

import driftwatch
from driftwatch.errors import ConflictError, DriftwatchError, NotFoundError


def _admin(secure_server):
    return driftwatch.Client(secure_server["url"], access_key=secure_server["admin_key"])


def _status(call):
    with pytest.raises(DriftwatchError) as e:
        call()
    return e.value.status


def test_without_a_key_nothing_answers(secure_server):
    anonymous = driftwatch.Client(secure_server["url"], access_key=None)
    assert _status(anonymous.list_projects) == 401
    assert _status(lambda: anonymous.new_project("nobody")) == 401


def test_keys_are_created_listed_rotated_and_revoked(secure_server):
    admin = _admin(secure_server)
    admin.get_or_create_project("keys-a")
    admin.get_or_create_project("keys-b")
    created = admin.create_access_key("keys-a", "viewer")
    key, key_id = created["key"], created["id"]
    assert created["role"] == "viewer" and key.startswith(created["prefix"] + "_")

    listed = admin.list_access_keys("keys-a")
    assert [k["id"] for k in listed] == [key_id]
    assert all("key" not in k and "hash" not in k for k in listed)
    assert key not in repr(listed)

    viewer = driftwatch.Client(secure_server["url"], access_key=key)
    assert [p["name"] for p in viewer.list_projects()] == ["keys-a"]
    assert _status(lambda: viewer.get_project("keys-b")) == 403
    assert _status(lambda: viewer.create_access_key("keys-a", "admin")) == 403

    rotated = admin.get_project("keys-a").rotate_access_key(key_id)
    assert rotated["replaces"] == key_id and rotated["role"] == "viewer" and rotated["key"] != key
    assert _status(viewer.list_projects) == 401, "the old key stops at once"
    successor = driftwatch.Client(secure_server["url"], access_key=rotated["key"])
    assert [p["name"] for p in successor.list_projects()] == ["keys-a"]
    assert [k["id"] for k in admin.list_access_keys("keys-a")] == [rotated["id"]]
    with pytest.raises(NotFoundError):
        admin.rotate_access_key("keys-a", key_id)

    admin.revoke_access_key("keys-a", rotated["id"])
    assert _status(successor.list_projects) == 401, "a revoked key stops at once"
    assert admin.list_access_keys("keys-a") == []
    with pytest.raises(NotFoundError):
        admin.revoke_access_key("keys-a", rotated["id"])


def test_a_project_admin_manages_its_own_keys_and_reads_its_audit_log(secure_server):
    admin = _admin(secure_server)
    admin.get_or_create_project("keys-c")
    project_admin = driftwatch.Client(secure_server["url"],
                                      access_key=admin.create_access_key("keys-c", "admin")["key"])
    project = project_admin.get_project("keys-c")
    editor = project.create_access_key("editor")
    assert [k["role"] for k in project.list_access_keys()] == ["admin", "editor"]
    project.revoke_access_key(editor["id"])
    assert _status(lambda: project_admin.create_access_key("keys-a", "viewer")) in (403, 404)
    assert _status(lambda: project_admin.audit()) == 403, "the server-wide log is for the server admin"

    entries = project.audit(since=datetime.now(timezone.utc) - timedelta(minutes=10))
    routes = [(e["method"], e["route"]) for e in entries]
    assert ("DELETE", "/api/v1/projects/{p}/access-keys/{id}") in routes
    mine = project.audit(actor=project_admin.list_access_keys("keys-c")[0]["prefix"])
    assert mine and all(e["project"] == "keys-c" for e in mine)
    assert {e["method"] for e in mine} == {"POST", "DELETE"}
    assert project.audit(until="now-1h") == []
    assert len(project.audit(limit=1)) == 1


def test_the_server_admin_reads_the_whole_audit_log_by_actor_project_and_time(secure_server):
    admin = _admin(secure_server)
    admin.get_or_create_project("keys-d")
    entries = admin.audit(actor="admin", since="now-1h")
    assert entries and all(e["actor"] == "admin" and e["role"] == "server-admin" for e in entries)
    times = [e["time"] for e in entries]
    assert times == sorted(times, reverse=True), "newest first"
    assert {e["project"] for e in admin.audit(project="keys-d")} == {"keys-d"}
    unauthenticated = admin.audit(actor="unauthenticated")
    # no valid key (401), and also, for now, a valid key refused with 403 (its prefix is not kept: docs/security.md)
    assert all(e["status"] in (401, 403) and e["role"] is None for e in unauthenticated)
    assert ("POST", "/api/v1/projects", 401) in [(e["method"], e["route"], e["status"]) for e in unauthenticated]
    with pytest.raises(DriftwatchError) as e:
        admin.audit(since="now", until="now-1h")
    assert e.value.status == 400 and "since" in e.value.message


def test_the_generated_admin_key_is_rotated_and_the_old_one_stops(secure_server):
    admin = _admin(secure_server)
    old = secure_server["admin_key"]
    new = admin.rotate_admin_key()
    secure_server["admin_key"] = new
    assert new != old and new.startswith("dwa_")
    assert _status(driftwatch.Client(secure_server["url"], access_key=old).list_projects) == 401
    assert admin.new_project("after-rotation").name == "after-rotation"
    with pytest.raises(ConflictError):
        admin.new_project("after-rotation")
