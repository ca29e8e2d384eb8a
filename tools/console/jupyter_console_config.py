# cnn-kernel: how `jupyter console` shows the cnn kernel's pictures.
#
# tools/setup copies this file to .venv/etc/jupyter/, where the project's `jupyter console`
# reads it. Elsewhere, copy it into a Jupyter config directory (`jupyter --paths` lists them),
# or add its lines to your own jupyter_console_config.py.
#
# jupyter console hands every image/png to an external viewer (Pillow's ImageShow: xdg-open,
# display, eog, ...) before it looks at text/plain. Without a graphical display that fails
# (xdg-open prints "not found" lines) and the picture is lost, although every output of the
# cnn kernel carries a text form: shaded character maps, braille plots, aligned tables.
#
# So, for the cnn kernel only:
#   CNN_CONSOLE_IMAGES=auto    (the default) a viewer when there is a display (DISPLAY or
#                              WAYLAND_DISPLAY set, or macOS, or Windows), the text forms otherwise;
#   CNN_CONSOLE_IMAGES=text    always the text forms;
#   CNN_CONSOLE_IMAGES=viewer  always the viewer, as jupyter console does by default.
# Every other kernel's images go exactly where the console's default handler ('PIL') sends them.

import os
import sys

CNN_KERNEL_IMPLEMENTATION = "cnn-kernel"


def _has_display():
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _cnn_wants_text():
    choice = os.environ.get("CNN_CONSOLE_IMAGES", "auto").strip().lower()
    if choice == "text":
        return True
    if choice == "viewer":
        return False
    return not _has_display()


def cnn_console_image_handler(data):
    """The console's `callable_image_handler`: False means "not shown", so the console prints
    the bundle's text/plain instead."""
    from jupyter_console.ptshell import ZMQTerminalInteractiveShell

    shell = ZMQTerminalInteractiveShell.instance()  # the console's one shell
    kernel = (getattr(shell, "kernel_info", None) or {}).get("implementation")
    if kernel == CNN_KERNEL_IMPLEMENTATION and _cnn_wants_text():
        return False
    # What the default 'PIL' handler does: the first image type, in the console's order of
    # preference, that a viewer opens.
    for mime in shell.mime_preference:
        if mime in data and mime in ("image/png", "image/jpeg"):
            if shell.handle_image_PIL(data, mime):
                return True
    return False


c = get_config()  # noqa: F821 (defined by traitlets when it runs a config file)
c.ZMQTerminalInteractiveShell.image_handler = "callable"
c.ZMQTerminalInteractiveShell.callable_image_handler = cnn_console_image_handler
