"""Fail CI unless the end-to-end tests ran and none of them was skipped."""

import sys
import xml.etree.ElementTree as ET


def main(path: str) -> int:
    cases = [
        c for c in ET.parse(path).iter("testcase") if c.get("classname", "").startswith("e2e.")
    ]
    skipped = [c.get("name") for c in cases if c.find("skipped") is not None]
    if not cases:
        print("CI: no end-to-end test ran", file=sys.stderr)
        return 1
    if skipped:
        print(
            f"CI: {len(skipped)} end-to-end test(s) skipped: {', '.join(skipped)}", file=sys.stderr
        )
        return 1
    print(f"CI: {len(cases)} end-to-end tests ran in Chromium, none skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
