"""Type stubs of the native module ``verbatim._verbatim`` (use the package ``verbatim``).

Each function returns the JSON the command prints with ``--format json``; ``verbatim``
parses it.
"""

from typing import List, Optional

VERSION: str

def extract_files(paths: List[str], input_format: Optional[str] = None, encoding: Optional[str] = None) -> str: ...
def compare_files(paths: List[str], input_format: Optional[str] = None, encoding: Optional[str] = None) -> str: ...
def check_files(
    draft: str,
    sources: List[str],
    policy: str,
    input_format: Optional[str] = None,
    encoding: Optional[str] = None,
) -> str: ...
def extract(text: str, id: str, input_format: str) -> str: ...

class Checker:
    def __init__(
        self,
        sources: List[str],
        policy: str,
        input_format: Optional[str] = None,
        encoding: Optional[str] = None,
    ) -> None: ...
    @property
    def policy(self) -> str: ...
    def check(self, path: str) -> str: ...
    def check_text(self, text: str, id: str, input_format: str) -> str: ...
