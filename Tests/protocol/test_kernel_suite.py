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
        {"text": "model net\n  maxp", "matches": {"maxpool"}},
        {"text": "model net\n  conv 16 ker", "matches": {"kernel="}},
        {"text": "train optimizer=adam", "matches": {"adam", "adamw"}},
        {"text": "model r = dense", "matches": {"denselayer", "densenet"}},
    ]
    complete_code_samples = ['print "hi"', "1 + 2", "progress 3 delay=0", "# only a comment", "",
                             "model r = resnet", "model net\n  conv 8\n  relu\nend"]
    incomplete_code_samples = ["2 * (3 + ", 'print [1, 2,', "(1 +\n 2", "model net\n  conv 8",
                               "block b(c)\n  residual\n    conv c"]
    invalid_code_samples = ['print "no closing quote', "1 + )", "2 * (3 ]", "end"]

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
    code_inspect_sample = "model net\n  conv 16 kernel=3"
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
