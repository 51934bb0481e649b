"""What the briefs of one batch process share: one provider, one open response cache, settings read once."""

from __future__ import annotations

import copy

from engine.batch.ratelimit import RateLimitedProvider
from engine.batch.shared import shared_run, warm
from engine.cache import ResponseCache
from engine.options import GenerateOptions
from engine.pipeline import generate_brief
from engine.providers.fake import FakeProvider
from schemas.loading import load_findings
from tests import llm_replies as R
from tests.conftest import EXAMPLES


def scripted() -> FakeProvider:
    return FakeProvider(lambda messages, schema: copy.deepcopy(R.FAITHFUL[schema.tool_name]))


def test_briefs_share_one_open_cache_that_outlives_each_brief_and_is_kept_on_disk(tmp_path):
    doc = load_findings(EXAMPLES / "sentiment.yaml")
    fake = scripted()
    opts = GenerateOptions(provider="fake", cache_dir=str(tmp_path / "cache"), extra={"provider_instance": fake})
    with shared_run(opts, None, None) as shared:
        first = generate_brief(doc, "executive", options=shared)
        sent = len(fake.history)
        again = generate_brief(doc, "executive", options=shared)  # the cache is still open after the first brief
    assert first.provenance.requests == sent > 0
    assert again.provenance.requests == 0 and again.provenance.cache_hits == sent
    assert again.eval.passed and again.headline == first.headline
    with ResponseCache(tmp_path / "cache") as cache:  # closed at the end of the run, with every entry written
        assert cache.stats()["entries"] == sent


def test_no_cache_opens_no_cache_and_limits_wrap_the_shared_provider(tmp_path):
    doc = load_findings(EXAMPLES / "sentiment.yaml")
    fake = scripted()
    opts = GenerateOptions(provider="fake", cache_dir=str(tmp_path / "cache"), use_cache=False,
                           extra={"provider_instance": fake})
    with shared_run(opts, 600, None) as shared:
        assert isinstance(shared.extra["provider_instance"], RateLimitedProvider)
        generate_brief(doc, "executive", options=shared)
        generate_brief(doc, "executive", options=shared)
    assert not (tmp_path / "cache").exists()
    assert len(fake.history) == 4  # plan + draft, twice: nothing answered from a cache


def test_warming_up_changes_nothing_a_brief_says(tmp_path):
    doc = load_findings(EXAMPLES / "credit.yaml")
    cold = generate_brief(doc, "legal")
    warm(doc, "legal", ["md", "html", "json"])
    hot = generate_brief(doc, "legal")
    assert hot.model_dump(exclude={"provenance"}) == cold.model_dump(exclude={"provenance"})


def test_warming_up_the_openai_provider_builds_its_client_but_sends_nothing(tmp_path, monkeypatch):
    from tests.loopback import LoopbackServer

    doc = load_findings(EXAMPLES / "sentiment.yaml")
    with LoopbackServer() as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")
        warm(doc, "executive", ["md"], GenerateOptions(provider="openai", model="loopback-model",
                                                       cache_dir=str(tmp_path / "cache")))
        assert srv.requests == []
    assert not (tmp_path / "cache").exists()


def test_concurrency_bounds_requests_in_flight_not_briefs_in_progress(tmp_path):
    """--concurrency 2 with more briefs in progress: the server never sees a third request at once,
    and a slot freed by one brief's reply goes to another brief's request."""
    import threading
    import time

    from engine.batch.inflight import InFlightLimit, briefs_in_progress
    from tests.loopback import InFlight

    inflight = InFlight()

    def reply(messages, schema):
        with inflight:
            time.sleep(0.02)
        return copy.deepcopy(R.FAITHFUL[schema.tool_name])

    doc = load_findings(EXAMPLES / "sentiment.yaml")
    opts = GenerateOptions(provider="fake", use_cache=False, extra={"provider_instance": FakeProvider(reply)})
    with shared_run(opts, None, None, 2) as shared:
        assert isinstance(shared.extra["provider_instance"], InFlightLimit)
        threads = [threading.Thread(target=generate_brief, args=(doc, "executive"), kwargs={"options": shared})
                   for _ in range(briefs_in_progress(2))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert inflight.peak == 2


def test_openai_provider_holds_a_slot_only_while_a_request_is_on_the_wire(monkeypatch):
    """limit_requests(2): the server never sees a third request at once; failed exchanges give their slot back."""
    import threading
    import time

    import openai

    from engine.config import load_settings
    from engine.providers import get_provider
    from engine.providers.base import CallConfig
    from schemas.draft import Plan
    from tests.loopback import InFlight, LoopbackServer

    inflight = InFlight()

    def respond(seen):
        with inflight:
            time.sleep(0.1)
        return LoopbackServer.tool(seen.tool, R.FAITHFUL[seen.tool])

    messages = [{"role": "user", "content": "findings"}]
    config = CallConfig(model="loopback-model", timeout_s=10)
    with LoopbackServer(respond) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback")
        provider = get_provider("openai", load_settings(provider="openai", model="loopback-model"))
        provider.limit_requests(2)
        replies: list = []
        threads = [threading.Thread(target=lambda: replies.append(provider.generate(messages, Plan, config)))
                   for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(replies) == 6 and all(r.data for r in replies)
        assert inflight.peak == 2

    closed = socket_port_nobody_listens_on()
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{closed}/v1")
    provider = get_provider("openai", load_settings(provider="openai", model="loopback-model"))
    provider.limit_requests(1)
    errors: list = []

    def attempts() -> None:
        for _ in range(3):  # with the slot of a failed exchange kept, the second attempt would wait forever
            try:
                provider.generate(messages, Plan, config)
            except openai.APIConnectionError as e:
                errors.append(e)

    worker = threading.Thread(target=attempts, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive() and len(errors) == 3


def socket_port_nobody_listens_on() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
