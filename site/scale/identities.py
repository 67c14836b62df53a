"""What the simulated applicants and appointments are called: names, ID numbers, references."""

from portal.scale.places import CODE_PREFIX

NAMES = ["王芳", "李伟", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强", "周杰", "吴霞"]
# Valid-looking resident ID numbers (GB 11643 check digit) in the simulated regions.
ID_BODIES = [f"3901011950{m:02d}{d:02d}{n:03d}" for m, d, n in ((1, 1, 1), (3, 15, 2), (6, 30, 3))]
ID_BODIES += [f"3902021962{m:02d}{d:02d}{n:03d}" for m, d, n in ((2, 2, 4), (8, 8, 5), (12, 1, 6))]
ID_BODIES += [f"3903031985{m:02d}{d:02d}{n:03d}" for m, d, n in ((4, 4, 7), (9, 9, 8))]


def check_digit(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def reference(n: int) -> str:
    return f"{CODE_PREFIX}{n:09d}"
