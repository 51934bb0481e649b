"""Provider registry, settings resolution, the fake and openai providers' contracts."""

from __future__ import annotations

import pytest

from engine.config import load_settings
from engine.errors import ProviderError, UsageError
from engine.providers import get_provider, provider_names
from engine.providers.base import CallConfig
from engine.providers.fake import FakeProvider
from schemas.draft import Plan

CFG = CallConfig(model="m")


def test_registry_names_and_unknown_provider():
    assert provider_names() == ["offline", "openai", "fake"]
    with pytest.raises(UsageError, match="unknown provider 'claude'; use one of: offline, openai, fake"):
        get_provider("claude", load_settings(env={}))


def test_openai_without_key_says_how_to_fix(tmp_path):
    with pytest.raises(ProviderError) as e:
        get_provider("openai", load_settings(env={}, cwd=tmp_path))
    msg = str(e.value)
    assert "OPENAI_API_KEY is not set" in msg and "OPENAI_BASE_URL" in msg and "\n" not in msg


def test_openai_local_server_needs_no_key(tmp_path):
    p = get_provider("openai", load_settings(env={"OPENAI_BASE_URL": "http://localhost:11434/v1"}, cwd=tmp_path))
    assert p.name == "openai" and p.endpoint == "http://localhost:11434/v1"
    with pytest.raises(ProviderError):
        get_provider("openai", load_settings(env={"OPENAI_BASE_URL": "https://example.com/v1"}, cwd=tmp_path))


def test_openai_sdk_retries_are_off(tmp_path):
    p = get_provider("openai", load_settings(env={"OPENAI_API_KEY": "sk-x"}, cwd=tmp_path))
    assert p._client(CFG).max_retries == 0


def test_settings_precedence_flags_env_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.riskbrief]\nprovider = "openai"\nmodel = "from-pyproject"\nreviewer = "Ana"\n')
    s = load_settings(env={}, cwd=tmp_path)
    assert (s.provider, s.model, s.reviewer) == ("openai", "from-pyproject", "Ana")
    (tmp_path / "riskbrief.toml").write_text('model = "from-toml"\ncache_dir = "/tmp/rb-cache"\n')
    s = load_settings(env={}, cwd=tmp_path)
    assert (s.model, s.cache_dir, s.provider) == ("from-toml", "/tmp/rb-cache", "offline")
    s = load_settings(env={"RISKBRIEF_MODEL": "from-env", "RISKBRIEF_PROVIDER": "fake"}, cwd=tmp_path)
    assert (s.model, s.provider) == ("from-env", "fake")
    s = load_settings(env={"RISKBRIEF_MODEL": "from-env"}, cwd=tmp_path, model="from-flag")
    assert s.model == "from-flag" and s.sources["model"] == "flag"


def test_default_cache_dir_is_the_user_cache_dir(tmp_path):
    from platformdirs import user_cache_dir

    assert load_settings(env={}, cwd=tmp_path).cache_dir == user_cache_dir("riskbrief", appauthor=False)
    assert load_settings(env={"RISKBRIEF_CACHE_DIR": str(tmp_path)}, cwd=tmp_path).cache_dir == str(tmp_path)


def test_project_file_problems_are_usage_errors(tmp_path):
    (tmp_path / "riskbrief.toml").write_text('modle = "x"\n')
    with pytest.raises(UsageError, match="unknown setting"):
        load_settings(env={}, cwd=tmp_path)
    (tmp_path / "riskbrief.toml").write_text('api_key = "sk-secret"\n')
    with pytest.raises(UsageError, match="do not put API keys"):
        load_settings(env={}, cwd=tmp_path)


def test_key_never_in_public_settings(tmp_path):
    s = load_settings(env={"OPENAI_API_KEY": "sk-very-secret"}, cwd=tmp_path)
    assert "sk-very-secret" not in repr(s) and "sk-very-secret" not in str(s.public())
    assert s.public()["api_key"] == "set"


def test_fake_replays_queue_and_records_history():
    fake = FakeProvider()
    fake.enqueue({"points": [{"section": "findings", "point": "x"}]}, '{"points": [', RuntimeError("boom"))
    msgs = [{"role": "user", "content": "plan it"}]
    first = fake.generate(msgs, Plan, CFG)
    assert first.data == {"points": [{"section": "findings", "point": "x"}]}
    second = fake.generate(msgs, Plan, CFG)
    assert second.data is None and "not valid JSON" in second.error
    with pytest.raises(RuntimeError):
        fake.generate(msgs, Plan, CFG)
    assert [h.schema for h in fake.history] == ["plan_brief"] * 3
    assert fake.history[0].messages == msgs
    with pytest.raises(ProviderError, match="enqueue"):
        fake.generate(msgs, Plan, CFG)


def test_fake_from_a_replies_file_drives_the_cli(cli, tmp_path, monkeypatch):
    import json

    from tests import llm_replies as R
    from tests.conftest import EXAMPLES

    replies = tmp_path / "replies.json"
    replies.write_text(json.dumps({"plan_brief": R.PLAN, "write_brief": [R.UNFAITHFUL_DRAFT, R.DRAFT],
                                   "revise_sections": R.revision_from(R.DRAFT)}))
    monkeypatch.setenv("RISKBRIEF_FAKE_REPLIES", str(replies))
    r = cli("generate", EXAMPLES / "sentiment.yaml", "--audience", "executive", "--format", "json",
            "--out", tmp_path / "out", "--provider", "fake")
    assert r.exit_code == 0, r.stderr
    prov = json.loads((tmp_path / "out" / "sentiment.executive.json").read_text())["provenance"]
    assert (prov["provider"], prov["requests"], prov["repair_rounds"], prov["fallback_sections"]) == ("fake", 3, 1, [])
    replies.write_text(json.dumps({"plan_brief": R.PLAN}))
    r = cli("generate", EXAMPLES / "sentiment.yaml", "--audience", "executive", "--out", tmp_path / "o2",
            "--provider", "fake", "--no-cache")
    assert r.exit_code == 2 and "has no reply for write_brief" in r.stderr


def test_forked_batch_workers_never_share_a_pooled_connection(tmp_path):
    """Each provider has its own HTTP client, and a process forked from one that has sent a request
    builds new ones: two processes reading replies from one inherited keep-alive connection would
    mix them. A client that never sent anything holds no connection, so a child keeps it."""
    from tests import llm_replies as R
    from tests.loopback import LoopbackServer

    with LoopbackServer(lambda seen: LoopbackServer.tool("plan_brief", R.PLAN)) as srv:
        settings = load_settings(env={"OPENAI_BASE_URL": srv.url}, cwd=tmp_path)
        a, b = get_provider("openai", settings), get_provider("openai", settings)
        http_a, http_b = a._client(CFG).root_client._client, b._client(CFG).root_client._client
        assert http_a is not http_b
        assert a.generate([{"role": "user", "content": "plan"}], Plan, CFG).data == R.PLAN
        a._pid = b._pid = -1  # what a forked child sees: the clients were built by another process
        assert a._client(CFG).root_client._client is not http_a
        assert b._client(CFG).root_client._client is http_b
        # once the child sends, its own client is the one a grandchild must not reuse
        assert b.generate([{"role": "user", "content": "plan"}], Plan, CFG).data == R.PLAN
        b._pid = -1
        assert b._client(CFG).root_client._client is not http_b
        assert len(srv.requests) == 2


def test_async_requests_get_one_http_client_per_event_loop(tmp_path):
    import asyncio

    from tests import llm_replies as R
    from tests.loopback import LoopbackServer

    with LoopbackServer(lambda seen: LoopbackServer.tool("plan_brief", R.PLAN)) as srv:
        p = get_provider("openai", load_settings(env={"OPENAI_BASE_URL": srv.url}, cwd=tmp_path))
        msgs = [{"role": "user", "content": "plan"}]
        # two loops one after the other: a client shared between them would fail with "Event loop is closed"
        first = asyncio.run(p.agenerate(msgs, Plan, CFG))
        second = asyncio.run(p.agenerate(msgs, Plan, CFG))
        assert first.data == second.data == R.PLAN
        assert len(srv.requests) == 2
        assert len(p._async_clients) == 1  # the first loop's client was dropped when its loop closed


def test_missing_sdk_gives_an_install_hint(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "langchain_openai", None)  # import fails as if not installed
    with pytest.raises(ProviderError, match="pip install langchain-openai"):
        get_provider("openai", load_settings(env={"OPENAI_API_KEY": "sk-x"}, cwd=tmp_path))
