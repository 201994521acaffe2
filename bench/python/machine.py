"""The machine a benchmark ran on, for the summaries of bench/run-*-bench.sh."""

import platform
import re
import subprocess


def cpu():
    """'<model>, <n> CPUs' from lscpu, or what Python knows."""
    try:
        out = subprocess.run(['lscpu'], capture_output=True, text=True).stdout
        model = re.search(r'Model name:\s*(.+)', out).group(1).strip()
        cpus = re.search(r'^CPU\(s\):\s*(\d+)', out, re.M).group(1)
        return '%s, %s CPUs' % (model, cpus)
    except Exception:
        return platform.processor() or 'unknown'


def java_version():
    """The lines `java -version` prints."""
    return subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()
