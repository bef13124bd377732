"""Main-thread blocking from long tasks, as Lighthouse and Core Web Vitals count it. Pure.

A long task is one over 50 ms (``PerformanceObserver('longtask')``); its
blocking time is what it runs past those 50 ms, since a visitor's input
waits at most that long. Tasks are ``(start, duration)`` in ms since
navigation start.
"""

LONG_TASK_MS = 50


def after(tasks: list, since: float) -> list:
    """The tasks still running at ``since`` or started later."""
    return [(start, duration) for start, duration in tasks if start + duration > since]


def longest(tasks: list) -> float:
    """The longest task's duration; 0 when there is none over 50 ms."""
    return max((duration for _, duration in tasks), default=0.0)


def blocking_time(tasks: list) -> float:
    """Total blocking time: each long task's part past 50 ms, summed."""
    return sum(max(0.0, duration - LONG_TASK_MS) for _, duration in tasks)
