#!/usr/bin/env python3
"""Explorer latency with the terminal in the loop: time to the first complete frame, and
keypress-to-frame latency for drill, regroup and metric switch, on the cache built from 5M
generated line items (scripts/bench.py builds it; this script builds it too when missing).

The explorer runs in tmux (a real terminal emulator) with COSTTOP_FRAME_LOG set, which makes it log,
in nanoseconds since the process was started, each key it reads and each frame it finishes drawing
(render, ncurses output and refresh). The baseline, measured in the same run, is a key bound to no
command: it costs a status-line redraw, i.e. the terminal round trip alone.
Usage: scripts/bench-explorer.py [--rows 5000000] [--repeats 30]
"""
import argparse, os, statistics, subprocess, sys, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")
RELEASE = os.path.join(ROOT, ".build", "release")


def tmux(socket, *args):
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], capture_output=True, text=True).stdout


def read_log(path):
    events = []
    with open(path) as handle:
        for line in handle:
            kind, value = line.split()
            events.append((kind, int(value)))
    return events


def wait_for(predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.01)
    sys.exit("timed out waiting for the explorer")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    subprocess.check_call(["swift", "build", "-c", "release"], cwd=ROOT, stdout=subprocess.DEVNULL)
    folder = os.path.join(DATA, f"cur-{args.rows}")
    cache = os.path.join(DATA, f"bench-{args.rows}.ctc")
    if not os.path.exists(folder):
        subprocess.check_call([os.path.join(RELEASE, "costtop-samplegen"), "--out", folder, "--rows", str(args.rows),
                               "--format", "cur", "--no-gzip"], stderr=subprocess.DEVNULL)
    if not os.path.exists(cache):
        subprocess.check_call([os.path.join(RELEASE, "costtop"), "ingest", "--quiet", "--fresh", "--cache", cache, folder])

    first_frames, latencies = [], {"baseline (unbound key)": [], "drill (Enter)": [], "up (Left)": [],
                                   "regroup (g Down Enter)": [], "metric (m)": []}
    for run in range(5):
        socket = f"costtop-bench-{uuid.uuid4().hex[:8]}"
        log = os.path.join(DATA, f"frames-{socket}.log")
        command = f"COSTTOP_FRAME_LOG={log} {os.path.join(RELEASE, 'costtop')} explore --cache {cache}"
        tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", f"unset NO_COLOR; TERM=xterm-256color {command}")
        try:
            wait_for(lambda: os.path.exists(log) and any(k == "frame" for k, _ in read_log(log)))
            first_frames.append(next(v for k, v in read_log(log) if k == "frame") / 1e6)
            if run > 0:
                continue
            actions = [("baseline (unbound key)", ["x"]), ("drill (Enter)", ["Enter"]), ("up (Left)", ["Left"]),
                       ("metric (m)", ["m"]), ("regroup (g Down Enter)", ["g", "Down", "Enter"])]
            for _ in range(args.repeats):
                for name, keys in actions:
                    for key in keys:
                        before = len(read_log(log))
                        tmux(socket, "send-keys", "-t", "0", key)
                        events = wait_for(lambda: (lambda e: e if len(e) >= before + 2 and e[-1][0] == "frame" else None)(read_log(log)))
                        key_time = next(v for k, v in reversed(events) if k == "key")
                        frame_time = events[-1][1]
                    # The last key of the action is the one whose frame shows the result.
                    latencies[name].append((frame_time - key_time) / 1e6)
                # Undo the regroup so every drill starts from the same level.
                tmux(socket, "send-keys", "-t", "0", ":")
                for key in ["b", "y", " ", "a", "c", "c", "o", "u", "n", "t", "Enter"]:
                    tmux(socket, "send-keys", "-t", "0", key)
                time.sleep(0.05)
        finally:
            tmux(socket, "kill-server")
            if os.path.exists(log):
                os.remove(log)

    baseline = statistics.median(latencies["baseline (unbound key)"])
    print(f"Explorer on the cache of {args.rows:,} line items, 100x30 tmux pane\n")
    print(f"First complete frame after exec: median {statistics.median(first_frames):.1f} ms "
          f"(max {max(first_frames):.1f} ms) over {len(first_frames)} starts\n")
    print("| key | median (ms) | p90 (ms) | ÷ baseline |")
    print("|---|---|---|---|")
    for name, values in latencies.items():
        values.sort()
        print(f"| {name} | {statistics.median(values):.2f} | {values[int(len(values) * 0.9)]:.2f} | "
              f"{statistics.median(values) / baseline:.1f}× |")


if __name__ == "__main__":
    main()
