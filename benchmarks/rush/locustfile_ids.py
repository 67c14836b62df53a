"""Valid resident ID numbers, a new person for every k (shared by run.py and the locustfile)."""

from stdnum.cn import ric


def id_number(k: int) -> str:
    """Up to 18 million different people: sequence, then day, month and year of birth."""
    k, seq = divmod(k, 900)
    k, day = divmod(k, 28)
    k, month = divmod(k, 12)
    body = f"320505{1940 + k % 60}{month + 1:02d}{day + 1:02d}{seq + 100:03d}"
    return body + ric.calc_check_digit(body + "0")
