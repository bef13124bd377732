"""Check a consent evidence pack without the server that wrote it.

Usage: python3 verify.py [PACK_FOLDER]   (default: the folder this file is in)
Needs Python 3.11+ and joserfc (pip install joserfc), nothing else.

What it checks, and what each check proves:

1. Every checkpoint carries a valid ES256 signature by the key in jwks.json:
   the ledger's operator vouched for the chain up to that record.
2. Every chain segment recomputes: each entry's hash is SHA-256 over the
   canonical JSON of its fields plus the previous hash, each links to the
   one before, and the last one is the signed checkpoint's record and hash.
   So no record in a segment was changed, removed or inserted after that
   checkpoint was signed.
3. Every record in records.json is the entry of that id in a segment, with
   the same values; where its IP, user agent and page URL are present,
   they match the salted digest the chain sealed.
4. Every receipt is signed by the same key over exactly that record.
5. Every archived file hashes to the digest in its name; each decision's
   textsHash names an archived texts file; each edition (what the server
   served) is the exact content of its "published" ledger event, and the
   files it names are archived.

Canonical JSON: keys sorted, no whitespace, UTF-8 without ASCII escapes
(Python: json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)). Exit status 0 when everything holds, 1 otherwise.
"""

import hashlib
import json
import sys
from pathlib import Path

from joserfc import jws
from joserfc.jwk import KeySet

GENESIS = "0" * 64
DECISIONS = ("accept_all", "reject_all", "custom", "withdraw")
SEALED_IN_RECORDS = (
    "recordId",
    "consentId",
    "action",
    "categories",
    "services",
    "revision",
    "language",
    "textsHash",
    "method",
    "gpc",
    "timestamp",
)


def canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def signed_payload(token: str, keys: KeySet) -> object:
    return json.loads(jws.deserialize_compact(token, keys).payload)


class Pack:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []
        self.keys = KeySet.import_key_set(self.load("jwks.json"))

    def load(self, name: str) -> object:
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    def fail(self, message: str) -> None:
        self.problems.append(message)

    def checkpoints(self) -> dict[int, str]:
        """record id -> hash, for every checkpoint whose signature verifies."""
        good = {}
        for checkpoint in self.load("chain/checkpoints.json"):
            expected = {k: checkpoint[k] for k in ("type", "recordId", "hash", "verifiedAt")}
            try:
                payload = signed_payload(checkpoint["signature"], self.keys)
            except Exception as error:  # joserfc raises its own error types
                self.fail(f"checkpoint {checkpoint['recordId']}: bad signature ({error})")
                continue
            if payload != expected:
                self.fail(f"checkpoint {checkpoint['recordId']}: signature covers other values")
                continue
            good[checkpoint["recordId"]] = checkpoint["hash"]
        return good

    def segments(self, checkpoints: dict[int, str]) -> dict[int, dict]:
        """record id -> sealed entry, for every entry of a segment that recomputes."""
        entries: dict[int, dict] = {}
        for path in sorted((self.folder / "chain").glob("segment-*.json")):
            segment = json.loads(path.read_text(encoding="utf-8"))
            rows, previous = segment["entries"], None
            for row in rows:
                fields = row["fields"]
                if previous is not None and row["prev"] != previous["hash"]:
                    self.fail(f"{path.name}: record {fields['id']} does not link to the one before")
                if previous is not None and fields["id"] != previous["fields"]["id"] + 1:
                    self.fail(f"{path.name}: a record is missing before {fields['id']}")
                if fields["id"] == 1 and row["prev"] != GENESIS:
                    self.fail(f"{path.name}: record 1 does not start the chain")
                if sha256(canonical({**fields, "prev": row["prev"]})) != row["hash"]:
                    self.fail(f"{path.name}: record {fields['id']} does not match its hash")
                previous = row
            if not rows:
                self.fail(f"{path.name}: empty")
                continue
            last = rows[-1]
            if checkpoints.get(last["fields"]["id"]) != last["hash"]:
                self.fail(f"{path.name}: does not end at a signed checkpoint")
                continue
            for row in rows:
                entries[row["fields"]["id"]] = row
        return entries

    def records(self, entries: dict[int, dict]) -> list[dict]:
        records = self.load("records.json")
        for record in records:
            record_id = record["recordId"]
            entry = entries.get(record_id)
            if entry is None:
                self.fail(f"record {record_id}: not in a verified chain segment")
                continue
            fields = {**entry["fields"], "recordId": entry["fields"]["id"]}
            for key in SEALED_IN_RECORDS:
                if record[key] != fields[key]:
                    self.fail(f"record {record_id}: {key} differs from the sealed chain")
            if record["hash"] != entry["hash"] or record["prevHash"] != entry["prev"]:
                self.fail(f"record {record_id}: hash differs from the sealed chain")
            if record.get("personalSalt"):
                personal = {
                    "salt": record["personalSalt"],
                    "ip": record["ip"],
                    "userAgent": record["userAgent"],
                    "pageUrl": record["pageUrl"],
                }
                if sha256(canonical(personal)) != entry["fields"]["personal"]:
                    self.fail(f"record {record_id}: IP, user agent or page URL were changed")
            elif record["ip"] or record["userAgent"] or record["pageUrl"]:
                self.fail(f"record {record_id}: personal fields without the salt that seals them")
        return records

    def receipts(self, records: list[dict]) -> None:
        by_id = {record["recordId"]: record for record in records}
        for receipt in self.load("receipts.json"):
            record = by_id.get(receipt["recordId"])
            try:
                payload = signed_payload(receipt["receipt"], self.keys)
            except Exception as error:  # joserfc raises its own error types
                self.fail(f"receipt {receipt['recordId']}: bad signature ({error})")
                continue
            if record is None or any(payload[k] != record[k] for k in payload):
                self.fail(f"receipt {receipt['recordId']}: signed values differ from the record")

    def archive(self, records: list[dict], entries: dict[int, dict]) -> None:
        archived = {}
        for path in (self.folder / "archive").iterdir():
            digest = path.name.split("-", 1)[0]
            if sha256(path.read_bytes()) != digest:
                self.fail(f"archive/{path.name}: content does not match its digest")
            archived[digest] = path
        for record in records:
            if record["action"] in DECISIONS and record["textsHash"]:
                if record["textsHash"] not in archived:
                    self.fail(f"record {record['recordId']}: the texts it was shown are missing")
            if record["action"] == "published":
                details = entries[record["recordId"]]["fields"]["details"]
                if sha256(canonical(details)) not in archived:
                    self.fail(f"record {record['recordId']}: its edition is not archived")
                named = [details.get("config"), details.get("runtime")]
                named += list(details.get("texts", {}).values())
                named += list(details.get("screenshots", {}).values())
                for digest in filter(None, named):
                    if digest not in archived:
                        self.fail(f"record {record['recordId']}: archived file {digest} missing")

    def verify(self) -> list[str]:
        entries = self.segments(self.checkpoints())
        records = self.records(entries)
        self.receipts(records)
        self.archive(records, entries)
        return self.problems


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    problems = Pack(folder).verify()
    for problem in problems:
        print("FAIL", problem)
    if problems:
        print(f"evidence pack NOT verified: {len(problems)} problems")
        return 1
    print("evidence pack verified: records, receipts, chain segments, checkpoints, archive")
    return 0


if __name__ == "__main__":
    sys.exit(main())
