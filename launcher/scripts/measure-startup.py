#!/usr/bin/env python3
"""Measures the launcher's start-up and idle footprint.

For each run: starts `java -jar launcher/target/alertresponder.jar serve` (the embedded default, port 8080),
times until the port accepts a connection and until GET /readyz answers 200, then stops it with SIGTERM and
checks the exit status. Finally measures the resident memory of a server left idle for 10 seconds.

Usage: python3 launcher/scripts/measure-startup.py [runs]   (after mvn -q -B package -DskipTests)
"""
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

JAR = os.path.join(os.path.dirname(__file__), "..", "target", "alertresponder.jar")
URL = "http://127.0.0.1:8080/readyz"


def start():
    return subprocess.Popen(["java", "-jar", JAR, "serve"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_listening():
    while True:
        with socket.socket() as s:
            try:
                s.connect(("127.0.0.1", 8080))
                return
            except OSError:
                time.sleep(0.01)


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return process.returncode


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    ready_times = []
    for run in range(runs):
        began = time.monotonic()
        process = start()
        wait_listening()
        listening = time.monotonic() - began
        urllib.request.urlopen(URL, timeout=10).read()
        ready = time.monotonic() - began
        status = stop(process)
        ready_times.append(ready * 1000)
        print(f"run {run + 1}: listening after {listening * 1000:.0f} ms, /readyz 200 after {ready * 1000:.0f} ms,"
              f" exit status {status}")
    print(f"start to /readyz 200: median {statistics.median(ready_times):.0f} ms,"
          f" min {min(ready_times):.0f} ms, max {max(ready_times):.0f} ms over {runs} runs")
    process = start()
    wait_listening()
    urllib.request.urlopen(URL, timeout=10).read()
    time.sleep(10)
    with open(f"/proc/{process.pid}/status") as status_file:
        status = status_file.read()
    rss = int(status.split("VmRSS:")[1].split()[0]) // 1024
    threads = int(status.split("Threads:")[1].split()[0])
    print(f"idle after 10 s: resident memory {rss} MiB, {threads} threads; exit status {stop(process)}")


if __name__ == "__main__":
    main()
