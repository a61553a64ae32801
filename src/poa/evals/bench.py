"""`poa bench`: speed and memory measurements against the targets in the README.

Targets live here and in the README's table, never in timed tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from poa.core.config import Settings
from poa.evals.bench_app import bench_app
from poa.evals.bench_rows import Row
from poa.evals.bench_rows import dev_cases as _dev_cases
from poa.evals.bench_rows import percentile as _percentile
from poa.evals.bench_rows import row as _row


def _best_of(runs: int, command: list[str]) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return min(timings)


def bench_cli(settings: Settings, context: dict[str, Any]) -> list[Row]:
    import_time = _best_of(5, [sys.executable, "-c", "import poa.cli"])
    help_time = _best_of(5, [sys.executable, "-m", "poa.cli", "--help"])
    return [
        _row("cli_import_cold", import_time, "s", 1.0, "new process: import poa.cli"),
        _row("cli_help", help_time, "s", 1.0, "new process: poa --help"),
    ]


def bench_ingest(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """Full ingest into a fresh temporary collection, then a no-change re-ingest."""
    from poa.kb.ingest import ingest

    started = time.perf_counter()
    full = ingest(context["settings"], progress=False)
    full_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest(context["settings"], progress=False)
    again_seconds = time.perf_counter() - started
    return [
        _row(
            "ingest_full",
            full_seconds,
            "s",
            60.0,
            f"{full.added} files, {full.chunks} chunks, incl. model load",
        ),
        _row("ingest_no_change", again_seconds, "s", 3.0, f"{again.unchanged} files unchanged"),
    ]


def bench_queries(settings: Settings, count: int) -> list[str]:
    """Seller-style queries built from the knowledge base's titles and playbook signals."""
    from poa.kb.documents import load_knowledge

    queries: list[str] = []
    for doc in load_knowledge(settings.knowledge_dir):
        queries.append(doc.meta.title)
        for cause in getattr(doc.meta, "root_causes", []):
            queries.append(cause.title)
            queries.append(" ".join(cause.signals[:4]))
    return [queries[i % len(queries)] + ("" if i < len(queries) else f" {i}") for i in range(count)]


def bench_retrieval(settings: Settings, context: dict[str, Any]) -> list[Row]:
    from poa.kb.store import KnowledgeStore

    store = KnowledgeStore(context["settings"])
    queries = bench_queries(settings, context["queries"])
    store.search(queries[0], k=5)  # warm: model loaded, collection open
    timings = []
    for query in queries:
        started = time.perf_counter()
        store.search(query, k=5)
        timings.append((time.perf_counter() - started) * 1000)
    return [
        _row(
            "retrieval_p50",
            statistics.median(timings),
            "ms",
            30.0,
            f"{len(queries)} warm queries, k=5",
        ),
        _row(
            "retrieval_p95",
            _percentile(timings, 0.95),
            "ms",
            None,
            f"{len(queries)} warm queries, k=5",
        ),
    ]


def bench_draft(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """Offline drafts of every dev scenario (model loaded), and the prompt an LLM draft would get."""
    from poa.drafting.messages import build_messages
    from poa.drafting.pipeline import draft_appeal, resolve_violation_type
    from poa.kb.retrieval import retrieve_context
    from poa.kb.store import KnowledgeStore
    from poa.reading.case import extract_case
    from poa.reading.notice import parse_notice

    bench_settings = context["settings"]
    store = KnowledgeStore(bench_settings)
    cases = _dev_cases(settings)
    draft_appeal(
        cases[0].notice, cases[0].story, bench_settings, backend="offline", store=store
    )  # warm-up
    timings, tokens = [], []
    for case in cases:
        started = time.perf_counter()
        draft_appeal(
            case.notice,
            case.story,
            bench_settings,
            backend="offline",
            answers=case.answers,
            store=store,
        )
        timings.append(time.perf_counter() - started)
        notice, facts = parse_notice(case.notice, store), extract_case(case.story)
        violation_type = resolve_violation_type(notice, facts, store)
        retrieved = retrieve_context(
            store, f"{notice.text[:1500]}\n{facts.story[:1500]}", violation_type
        )
        tokens.append(
            build_messages(notice, facts, violation_type, retrieved, bench_settings).tokens
        )
    note = f"{len(cases)} dev scenarios"
    return [
        _row("draft_offline_p50", statistics.median(timings), "s", 1.0, f"{note}, warm model"),
        _row("draft_offline_max", max(timings), "s", None, note),
        _row(
            "llm_prompt_tokens_p50",
            statistics.median(tokens),
            "tokens",
            None,
            f"{note}, budget {bench_settings.context_tokens}",
        ),
    ]


def bench_score(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """Scoring each labelled appeal once with the model loaded (its sentences not yet cached)."""
    from poa.evals.datasets import LabelledSuite, load_suite
    from poa.reading.notice import parse_notice
    from poa.scoring.rubric import score_appeal

    appeals = load_suite(settings.evals_dir / "labelled" / "appeals.yaml", LabelledSuite).appeals
    score_appeal("Warm-up. The root cause was that nobody checked the insert.")
    timings = []
    for appeal in appeals:
        notice = parse_notice(appeal.notice) if appeal.notice else None
        started = time.perf_counter()
        score_appeal(appeal.appeal, notice=notice, story=appeal.story)
        timings.append((time.perf_counter() - started) * 1000)
    note = f"{len(appeals)} labelled appeals, warm model"
    return [
        _row("score_p50", statistics.median(timings), "ms", 300.0, note),
        _row("score_max", max(timings), "ms", None, note),
    ]


def bench_grounding(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """The grounding check alone: every sentence of each labelled appeal against its story."""
    from poa.evals.datasets import LabelledSuite, load_suite
    from poa.reading.case import extract_case
    from poa.reading.notice import parse_notice
    from poa.scoring.grounding import ground_sections
    from poa.scoring.segment import segment

    appeals = load_suite(settings.evals_dir / "labelled" / "appeals.yaml", LabelledSuite).appeals
    ground_sections([("root_cause", "Warm-up.")], extract_case("Warm-up story."))
    timings, sentences = [], 0
    for appeal in appeals:
        notice = parse_notice(appeal.notice) if appeal.notice else None
        seg = segment(appeal.appeal)
        parts = [
            (name, seg.section_text(section))
            for section, name in (("issue", "incident"), ("root_cause", "root_cause"),
                                  ("actions", "actions"), ("prevention", "prevention"))
        ]  # fmt: skip
        started = time.perf_counter()
        report = ground_sections(parts, extract_case(appeal.story), notice)
        timings.append((time.perf_counter() - started) * 1000)
        sentences += len(report.sentences)
    note = f"{len(appeals)} labelled appeals, {sentences} sentences, warm model"
    return [
        _row("grounding_p50", statistics.median(timings), "ms", 300.0, note),
        _row("grounding_max", max(timings), "ms", None, note),
    ]


# Inputs that make a careless pattern backtrack (runs of digits, separators, dots before an @),
# at the input limit: redaction runs inside a chat turn and must never hang it.
HOSTILE_RUNS = ["1 ", "1-", "1.", "1/", "+1 ", "(1) ", "a.b", "Abc ", "Mr. ", "A\n", "Straße "]


def bench_notice(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """`poa notice` warm: every labelled notice read with the index's vote."""
    from poa.evals.notice_suite import reading_times
    from poa.kb.store import KnowledgeStore

    times = reading_times(settings.evals_dir / "notices", KnowledgeStore(context["settings"]))
    note = f"{len(times)} labelled notices, rules and retrieval vote, warm"
    p50, p95 = statistics.median(times) * 1000, _percentile(times, 0.95) * 1000
    return [_row("notice_p50", p50, "ms", 50, note), _row("notice_p95", p95, "ms", None, note)]


def bench_redaction(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """Redaction of whole prompts (each dev case's notice and story), and of hostile input."""
    from poa.evals.datasets import CaseSuite, load_suite
    from poa.text.redact import redact

    cases = load_suite(settings.evals_dir / "cases" / "dev.yaml", CaseSuite).cases
    redact("Warm-up: the buyer John Smith, +1 555 867 5309.")
    timings = []
    for case in cases:
        text = f"{case.notice}\n\n{case.story}\n\n" * 3  # about the size of a drafting prompt
        started = time.perf_counter()
        redact(text)
        timings.append((time.perf_counter() - started) * 1000)
    worst = 0.0
    for run in HOSTILE_RUNS:
        text = (run * (settings.input_limit // len(run)))[: settings.input_limit] + "@x"
        started = time.perf_counter()
        redact(text)
        worst = max(worst, time.perf_counter() - started)
    return [
        _row(
            "redact_prompt_p50",
            statistics.median(timings),
            "ms",
            50.0,
            f"{len(cases)} dev cases ×3",
        ),
        _row(
            "redact_hostile_max",
            worst,
            "s",
            1.0,
            f"{len(HOSTILE_RUNS)} runs of {settings.input_limit:,} characters",
        ),
    ]


def bench_eval(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """The offline eval of 30 cases (dev, then holdout), drafting and scoring each."""
    from poa.evals.datasets import CaseSuite, load_suite
    from poa.evals.runner import run_case
    from poa.kb.store import KnowledgeStore

    bench_settings = context["settings"]
    store = KnowledgeStore(bench_settings)
    cases = (
        _dev_cases(settings)
        + load_suite(settings.evals_dir / "cases" / "holdout.yaml", CaseSuite).cases
    )
    cases = cases[:30]
    started = time.perf_counter()
    for case in cases:
        run_case(case, bench_settings, "offline", store)
    return [
        _row(
            "eval_offline_30",
            time.perf_counter() - started,
            "s",
            60.0,
            f"{len(cases)} cases drafted and scored",
        )
    ]


def _conversation(assistant: Any, case: Any) -> list[float]:
    """Seconds per turn of one offline conversation: notice, story, questions skipped, confirm, change."""
    appeal = assistant.new_appeal()
    timings = []
    messages = [case.notice, case.story]
    for message in messages:
        started = time.perf_counter()
        assistant.handle(appeal, message)
        timings.append(time.perf_counter() - started)
    for _ in range(8):
        if assistant.state(appeal).stage not in ("interview", "choose_cause"):
            break
        started = time.perf_counter()
        assistant.handle(appeal, "skip")
        timings.append(time.perf_counter() - started)
    for message in ("1", "skip", "We also retrained the whole team on June 24, 2025.", "shorter"):
        started = time.perf_counter()
        assistant.handle(appeal, message)
        timings.append(time.perf_counter() - started)
    return timings


def bench_chat(settings: Settings, context: dict[str, Any]) -> list[Row]:
    """Offline chat turns with the model loaded: a whole conversation, after one to warm up."""
    from poa.conversation.assistant import Assistant
    from poa.kb.store import KnowledgeStore
    from poa.storage.history import History

    bench_settings = context["settings"]
    assistant = Assistant(
        bench_settings, History(bench_settings.db_path), KnowledgeStore(bench_settings)
    )
    cases = _dev_cases(settings)
    _conversation(assistant, cases[0])  # warm-up
    timings = [t for case in cases[1:4] for t in _conversation(assistant, case)]
    note = f"{len(timings)} turns of 3 conversations, warm model"
    long = _long_conversation(assistant, cases[4], turns=30)
    long_note = "30 turns of one appeal, versions piling up (edits and 'shorter')"
    return [
        _row("chat_turn_p50", statistics.median(timings), "s", 0.5, note),
        _row("chat_turn_max", max(timings), "s", None, note),
        _row("chat_30_turns_p50", statistics.median(long), "s", 0.5, long_note),
        _row("chat_30_turns_p95", _percentile(long, 0.95), "s", None, long_note),
        _row("chat_30_turns_last5", statistics.mean(long[-5:]), "s", None, "mean of turns 26–30"),
    ]


def _long_conversation(assistant: Any, case: Any, turns: int) -> list[float]:
    """Seconds per turn of one appeal that keeps going: each change makes a new version."""
    appeal = assistant.new_appeal()
    changes = [
        "We also retrained the whole team on June 24, 2025.",
        "shorter",
        "skip",
    ]
    timings = []
    for n in range(turns):
        message = case.notice if n == 0 else case.story if n == 1 else changes[n % len(changes)]
        started = time.perf_counter()
        assistant.handle(appeal, message)
        timings.append(time.perf_counter() - started)
    return timings


BENCHMARKS: dict[str, Callable[[Settings, dict[str, Any]], list[Row]]] = {
    "cli": bench_cli,
    "ingest": bench_ingest,
    "retrieval": bench_retrieval,
    "draft": bench_draft,
    "score": bench_score,
    "grounding": bench_grounding,
    "notice": bench_notice,
    "redaction": bench_redaction,
    "eval": bench_eval,
    "chat": bench_chat,
    "app": bench_app,
}


NEEDS_INDEX = frozenset(
    {"retrieval", "notice", "draft", "score", "eval", "chat", "app"}
)  # not grounding


def run_benchmarks(
    settings: Settings, only: list[str] | None = None, queries: int = 200
) -> list[Row]:
    """Run the benchmarks against a temporary data dir, so the user's index is untouched."""
    from poa.core.errors import UserError
    from poa.kb.embeddings import clear_cache

    if queries < 1:
        raise UserError(f"--queries must be at least 1, got {queries}.")
    unknown = sorted(set(only or []) - set(BENCHMARKS))
    if unknown:
        raise UserError(f"Unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}.")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="poa-bench-") as tmp:
        bench_settings = settings.model_copy(update={"data_dir": Path(tmp), "chroma_host": None})
        context = {"settings": bench_settings, "queries": queries}
        names = [name for name in BENCHMARKS if not only or name in only]
        if any(name in NEEDS_INDEX for name in names) and "ingest" not in names:
            names.insert(0, "ingest")  # they read the index the ingest benchmark builds
        for name in names:
            print(f"bench: {name}…", file=sys.stderr)
            clear_cache()  # each benchmark starts without the sentences the previous one embedded
            produced = BENCHMARKS[name](settings, context)
            if not only or name in only:
                rows.extend(produced)
    return rows


def format_table(rows: list[Row]) -> str:
    lines = [f"{'benchmark':<22} {'value':>12}  {'target':>8}  ok   note"]
    for row in rows:
        target = "" if row["target"] is None else f"< {row['target']:g}"
        ok = {True: "yes", False: "NO", None: ""}[row["ok"]]
        value = (
            f"{row['value']:.0f} {row['unit']}"
            if row["unit"] == "tokens"
            else f"{row['value']:.3f} {row['unit']}"
        )
        lines.append(f"{row['name']:<22} {value:>12}  {target:>8}  {ok:<4} {row['note']}")
    return "\n".join(lines)
