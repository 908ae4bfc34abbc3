#!/usr/bin/python3
"""Microseconds per psutil sample of the figures ResourceSampler reads: median of rounds (the bench's peer)."""
import statistics
import sys
import time

import psutil


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    per_round = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    process = psutil.Process()
    process.cpu_percent()
    psutil.cpu_percent()
    timings = []
    for round_ in range(rounds + 1):  # round 0 warms up and is dropped
        start = time.perf_counter()
        for _ in range(per_round):
            process.cpu_times()
            process.memory_info()
            process.num_threads()
            process.num_fds()
            psutil.virtual_memory()
            psutil.cpu_percent()
        if round_ > 0:
            timings.append((time.perf_counter() - start) / per_round * 1e6)
    print(f"python3-psutil {psutil.__version__}: {statistics.median(timings):.2f} us per sample "
          f"(median of {rounds} rounds of {per_round})")


main()
