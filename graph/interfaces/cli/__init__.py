"""The ``councilgraph`` command: thin wrappers that check arguments and call the library.

Exit codes: 0 success; 3 built, but some input files were skipped (each named on stderr);
1 failure (nothing could be read, the graph failed SHACL, a query failed); 2 bad usage (an
unknown option or command, a missing or bad parameter, a path that does not exist or is of the
wrong kind, an unknown format or query name, an unwritable output folder, a bad decisions file).

Arguments first: a command checks every argument before it changes a store, an output folder or
a remote triple store, so that bad usage (exit 2) leaves them all as they were.

Every failure is one line on stderr, ``error: ...``: commands raise :class:`UsageError` or
:class:`CouncilgraphError` and :func:`main` turns any of them, Click's usage errors, and any
error from reading a file, into that line and its exit code. No command prints a traceback.

The commands live in the modules beside this one (``build``, ``query``, ``check``, ``service``,
``review``), each registered on the one ``app`` of ``common``; importing them here is what
registers them. Each command imports the library inside its body, not at the top of its module:
``councilgraph --help``, ``--version`` and a refused argument answer without loading spaCy, rdflib's
plugins, NetworkX or Oxigraph (the one place the project imports its own modules in functions,
for startup time; ``docs/ARCHITECTURE.md``).
"""

from __future__ import annotations

import os
import sys

import typer
from typer._click import exceptions as click_errors  # Typer's own Click: its usage errors

from councilgraph.graph.core.errors import CouncilgraphError, UsageError
from councilgraph.graph.interfaces.cli import build, check, query, review, service  # noqa: F401  (registers the commands)
from councilgraph.graph.interfaces.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, app

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: runs a command and turns every error into one line."""
    try:
        code = app(args=argv, standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # no command at all: the help, as Click gives it
        exc.show()
        code = EXIT_USAGE
    except click_errors.UsageError as exc:  # an unknown option or command, a missing or bad parameter
        typer.echo(_usage_line(exc), err=True)
        code = EXIT_USAGE
    except click_errors.ClickException as exc:
        typer.echo(f"error: {_one_line(exc.format_message())}", err=True)
        code = exc.exit_code
    except typer.Abort:
        typer.echo("error: interrupted", err=True)
        code = EXIT_FAILED
    except UsageError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_USAGE
    except CouncilgraphError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_FAILED
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        typer.echo(f"error: {where}{exc.strerror or exc}", err=True)
        code = EXIT_FAILED
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        code = 130
    except Exception as exc:  # a bug: still one line, with how to see more
        if os.environ.get("COUNCILGRAPH_DEBUG"):
            raise
        typer.echo(
            f"error: internal error ({type(exc).__name__}: {exc}); please report it "
            "(COUNCILGRAPH_DEBUG=1 shows the traceback)",
            err=True,
        )
        code = EXIT_FAILED
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _one_line(message: str) -> str:
    """``message`` on one line, starting in lower case as councilgraph's own messages do."""
    line = " ".join(message.split())
    return line[:1].lower() + line[1:] if line[1:2].islower() else line


def _usage_line(exc: click_errors.UsageError) -> str:
    """A Click usage error as councilgraph's one line, with where to read the command's usage."""
    where = f"; see '{exc.ctx.command_path} --help'" if exc.ctx is not None else ""
    return f"error: {_one_line(exc.format_message()).rstrip('.')}{where}"


if __name__ == "__main__":
    main()
