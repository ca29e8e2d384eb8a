"""The official protocol test suite (jupyter_kernel_test) against the cnn kernel, with
every attribute set so that none of its tests is skipped."""

import os
import tempfile
import unittest

import jupyter_kernel_test as jkt  # not `from … import KernelTests`: that would collect the base class too


class CNNKernelSuite(jkt.KernelTests):
    kernel_name = "cnn"
    language_name = "cnn"
    file_extension = ".cnn"

    code_hello_world = 'print "hello, world"'
    code_stderr = 'warn "careful: this goes to stderr"'

    completion_samples = [
        {"text": "pr", "matches": {"print", "progress", "predict"}},
        {"text": "progress 5 de", "matches": {"delay="}},
        {"text": "clear wait=t", "matches": {"true"}},
        {"text": "help sl", "matches": {"sleep"}},
    ]
    complete_code_samples = ['print "hi"', "1 + 2", "progress 3 delay=0", "# only a comment", ""]
    incomplete_code_samples = ["2 * (3 + ", 'print [1, 2,', "(1 +\n 2"]
    invalid_code_samples = ['print "no closing quote', "1 + )", "2 * (3 ]"]

    code_generate_error = 'fail "this cell fails on purpose"'
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "2 * (3 + 4)", "result": "14"},
        {"code": "7 / 2", "result": "3.5"},
    ]
    code_display_data = [
        {"code": "progress 2 delay=0", "mime": "text/plain"},
        {"code": "progress 2 delay=0", "mime": "text/html"},
    ]
    code_page_something = "help progress"
    code_inspect_sample = "progress"
    code_clear_output = "clear"
    code_history_pattern = "1 + ?"
    supported_history_operations = ("tail", "range", "search")

    @classmethod
    def setUpClass(cls):
        # A history of its own: the search subtests count matches exactly.
        os.environ["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="cnn-suite-data-")
        super().setUpClass()


if __name__ == "__main__":
    unittest.main()
