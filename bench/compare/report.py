#!/usr/bin/env python3
"""Turns bench/compare.sh's measurements into the table (stdout) and bench/RESULTS.md.

    report.py RESULTS.tsv META.env OUT.md

RESULTS.tsv: "metric<TAB>server<TAB>run<TAB>value" a line; every figure is the median of its
runs. META.env: key=value lines (sizes, versions, the fsync counts). The machine description
comes from /proc and uname.
"""
import datetime
import os
import platform
import statistics
import sys

results_path, meta_path, out_path = sys.argv[1:4]
values = {}
with open(results_path) as f:
    for line in f:
        metric, server, _run, value = line.rstrip("\n").split("\t")
        values.setdefault((metric, server), []).append(float(value))
meta = dict(line.rstrip("\n").split("=", 1) for line in open(meta_path) if "=" in line)
median = {k: statistics.median(v) for k, v in values.items()}
n = meta["messages"]


def get(metric, server):
    return median.get((metric, server))


def ratio(a, b):
    if a is None or not b:
        return "-"
    return f"{a / b:.3f}x" if a / b < 0.1 else f"{a / b:.2f}x"


def fmt(v, digits=0):
    return "-" if v is None else f"{v:,.{digits}f}"


rows = []  # (what, reference name, reference, maild, maild/reference, maild/smtp-sink)
for s, l, d in (("20", "1024", ""), ("1", "1024", ""), ("20", "10240", ""), ("20", "1024", "-d")):
    key = f"accept_s{s}_l{l}" + ("_d" if d else "")
    sink, postfix, maild = get(key, "smtp-sink"), get(key, "postfix"), get(key, "maild")
    if d and maild is None:
        continue  # a results file from before the -d variant
    reuse = " (connections reused)" if d else ""
    rows.append((f"acceptance msg/s, smtp-source {d + ' ' if d else ''}-s {s} -m {n} -l {l}{reuse} (smtp-sink {fmt(sink)})",
                 "Postfix", fmt(postfix), fmt(maild), ratio(maild, postfix), ratio(maild, sink)))
e2e_ref, e2e_maild = get("e2e", "postfix+dovecot"), get("e2e", "maild")
rows.append((f"end to end into the mailbox msg/s, -s 20 -m {n} -l 1024", "Postfix+Dovecot",
             fmt(e2e_ref), fmt(e2e_maild), ratio(e2e_maild, e2e_ref), "-"))
for mode, what in (("pop3", "POP3 RETR"), ("imap", "IMAP UID FETCH BODY.PEEK[]")):
    rows.append((f"{what} msg/s, {meta['read_messages']} messages", "Dovecot",
                 fmt(get(mode, "dovecot")), fmt(get(mode, "maild")), ratio(get(mode, "maild"), get(mode, "dovecot")), "-"))
idle = meta["idle"]
added = {}
for kind in ("rss", "pss"):
    for server in ("postfix", "maild"):
        base, held = get(f"{kind}0", server), get(f"{kind}_idle", server)
        added[(kind, server)] = None if base is None or held is None else held - base
    rows.append((f"{kind.upper()} MB, idle (0 connections)", "Postfix (all processes)",
                 fmt(get(f"{kind}0", "postfix"), 1), fmt(get(f"{kind}0", "maild"), 1),
                 ratio(get(f"{kind}0", "maild"), get(f"{kind}0", "postfix")), "-"))
    rows.append((f"{kind.upper()} MB added by {idle} idle SMTP connections", "Postfix (all processes)",
                 fmt(added[(kind, 'postfix')], 1), fmt(added[(kind, 'maild')], 1),
                 ratio(added[(kind, 'maild')], added[(kind, 'postfix')]), "-"))

header = ("what (median of %s runs)" % meta["runs"], "reference", "reference value", "maild", "maild/reference", "maild/smtp-sink")
table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
table += ["| " + " | ".join(r) + " |" for r in rows]


def target(name, ok, detail):
    state = "n/a" if ok is None else ("met" if ok else "missed")
    return f"| {name} | {detail} | **{state}** |"


acc_p, acc_m, acc_s = get("accept_s20_l1024", "postfix"), get("accept_s20_l1024", "maild"), get("accept_s20_l1024", "smtp-sink")
rd = [(get(m, "maild"), get(m, "dovecot")) for m in ("pop3", "imap")]
idle_rss = added[("rss", "maild")]
targets = [
    "| target (issue 6) | measured | |", "|---|---|---|",
    target("acceptance with durable 250 >= 3x Postfix", None if None in (acc_m, acc_p) else acc_m >= 3 * acc_p, f"{ratio(acc_m, acc_p)} (-s 20 -l 1024)"),
    target("acceptance >= 0.5x smtp-sink", None if None in (acc_m, acc_s) else acc_m >= 0.5 * acc_s, ratio(acc_m, acc_s)),
    target("end to end >= 5x Postfix+Dovecot", None if None in (e2e_maild, e2e_ref) else e2e_maild >= 5 * e2e_ref, ratio(e2e_maild, e2e_ref)),
    target("POP3/IMAP reading >= Dovecot", None if None in sum(rd, ()) else all(m >= d for m, d in rd),
           f"POP3 {ratio(*rd[0])}, IMAP {ratio(*rd[1])}"),
    target(f"{idle} idle SMTP connections < 100 MB added RSS", None if idle_rss is None else idle_rss < 100, f"{fmt(idle_rss, 1)} MB"),
]


def cpuinfo():
    model, cores = "?", 0
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            cores += 1
    return f"{model}, {cores} logical CPUs"


def meminfo():
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return "?"


def loadavg():
    return open("/proc/loadavg").read().split()[0:3]


machine = [
    f"- date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
    f"- CPU: {cpuinfo()}; memory: {meminfo()}; kernel: {platform.release()}; load average at the end: {' '.join(loadavg())}",
    f"- Postfix {meta['postfix']}, Dovecot {meta['dovecot']}, maild {meta['maild']} on .NET SDK {meta['dotnet']}",
    f"- sizes: MESSAGES={meta['messages']} RUNS={meta['runs']} READ_MESSAGES={meta['read_messages']} IDLE={meta['idle']}",
    f"- durability probe (fsync + fdatasync calls traced while 50 messages were accepted one by one): "
    f"Postfix {meta['durability_postfix']}, maild {meta['durability_maild']} "
    f"(Postfix: the queue file, 1 per message, no directory fsync, relying on the file system to make a new name "
    f"durable with its file's fsync; maild: the WAL commit of blobs.db, where bodies up to 128 KiB are rows, and the "
    f"journal's WAL commit, 2 per message when messages come one at a time, shared by concurrent sessions under load)",
]
print("\n".join(machine + [""] + table + [""] + targets))

with open(out_path, "w") as out:
    out.write("# maild vs Postfix and Dovecot: results of bench/compare.sh\n\n")
    out.write("Written by `bench/compare.sh` (see bench/README.md for what each figure means and how the servers\n"
              "were set up). Rates are messages per second; every figure is the median of its runs, the servers\n"
              "alternating run by run.\n\n")
    out.write("\n".join(machine) + "\n\n" + "\n".join(table) + "\n\n" + "\n".join(targets) + "\n")
    notes = os.environ.get("RESULTS_NOTES")
    if notes and os.path.exists(notes):
        out.write("\n" + open(notes).read())
