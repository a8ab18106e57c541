"""The ``sglang-safekv`` command line."""

from __future__ import annotations

import argparse
import logging
import sys


def _cmd_serve(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv.server.launcher import options_from_args, serve
    from sglang_safekv.tooling.prepare import ensure_artifacts

    opts = options_from_args(args, rest)
    ensure_artifacts(opts.config, opts.model_path)
    return serve(opts)


def _cmd_cluster(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv.server.cluster import options_from_args, run
    from sglang_safekv.tooling.prepare import ensure_artifacts

    opts = options_from_args(args, rest)
    ensure_artifacts(opts.worker.config, opts.worker.model_path)
    return run(opts)


def _cmd_build_model(args: argparse.Namespace, rest: list[str]) -> int:
    from pathlib import Path

    from sglang_safekv.tooling.tiny_model import (
        TinyModelSpec,
        build_model,
        default_model_dir,
        ensure_model,
    )

    spec = TinyModelSpec(
        hidden_size=args.hidden_size,
        num_hidden_layers=args.layers,
        intermediate_size=args.intermediate_size,
        seed=args.seed,
    )
    out = Path(args.out) if args.out else default_model_dir(spec)
    if args.force:
        build_model(spec, out)
    path = ensure_model(spec, out)
    print(path)
    return 0


def _cmd_cpu_compat(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv import cpu_compat

    if args.action == "install":
        print(f"installed {cpu_compat.install()}")
    elif args.action == "uninstall":
        print("removed" if cpu_compat.uninstall() else "not installed")
    else:
        path = cpu_compat.pth_path()
        print(f"{path}: {'present' if path.exists() else 'absent'}")
    return 0


def _cmd_build_detector_model(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv.tooling.detector.train import main as train_main

    return train_main(rest)


def _cmd_eval(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv.tooling.evaluation.main import main as eval_main

    return eval_main(rest)


def _cmd_config(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv.config import ConfigError, SafeKVConfig

    if args.action == "example":
        from sglang_safekv.tooling.config_example import render

        sys.stdout.write(render())
        return 0
    if not args.file:
        print("sglang-safekv config check: give the TOML file to check", file=sys.stderr)
        return 2
    try:
        SafeKVConfig.from_toml(args.file)
    except (ConfigError, OSError, ValueError) as e:
        print(f"{args.file}: {e}", file=sys.stderr)
        return 1
    print(f"{args.file}: ok")
    return 0


def _cmd_new_key(args: argparse.Namespace, rest: list[str]) -> int:
    from sglang_safekv.server.tenants import digest, new_key

    if args.digest_of is not None:
        print(digest(args.digest_of))
        return 0
    key, key_digest = new_key()
    print(f"api key (give it to the tenant): {key}")
    print(f"key_sha256 (put it in the tenant file): {key_digest}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from sglang_safekv.server.launcher import add_serve_arguments
    from sglang_safekv.tooling.tiny_model import TinyModelSpec

    parser = argparse.ArgumentParser(prog="sglang-safekv", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser(
        "serve",
        help="start the SGLang server with the safekv cache",
        description="Arguments not listed here are passed to SGLang unchanged.",
    )
    add_serve_arguments(serve)
    serve.set_defaults(func=_cmd_serve, passthrough=True)

    cluster = sub.add_parser(
        "cluster",
        help="start N safekv workers behind SGLang's gateway (smg), one address for clients",
        description="Arguments not listed here are passed to every worker's SGLang unchanged.",
    )
    add_serve_arguments(cluster)
    from sglang_safekv.server.cluster import add_cluster_arguments

    add_cluster_arguments(cluster)
    cluster.set_defaults(func=_cmd_cluster, passthrough=True)

    spec = TinyModelSpec()
    model = sub.add_parser("build-model", help="build the embedded tiny model (cached)")
    model.add_argument("--out", help="output directory (default: the cache directory)")
    model.add_argument("--hidden-size", type=int, default=spec.hidden_size)
    model.add_argument("--layers", type=int, default=spec.num_hidden_layers)
    model.add_argument("--intermediate-size", type=int, default=spec.intermediate_size)
    model.add_argument("--seed", type=int, default=spec.seed)
    model.add_argument("--force", action="store_true", help="rebuild even if cached")
    model.set_defaults(func=_cmd_build_model, passthrough=False)

    compat = sub.add_parser("cpu-compat", help="the sgl_kernel stand-in of the CPU profile")
    compat.add_argument("action", choices=["install", "uninstall", "status"])
    compat.set_defaults(func=_cmd_cpu_compat, passthrough=False)

    detector = sub.add_parser(
        "build-detector-model",
        help="train the tier-3 detector model offline (cached); --help for its options",
        add_help=False,
    )
    detector.set_defaults(func=_cmd_build_detector_model, passthrough=True)

    evaluation = sub.add_parser(
        "eval",
        help="global vs isolated vs selective on the real server; --help for its options",
        add_help=False,
    )
    evaluation.set_defaults(func=_cmd_eval, passthrough=True)

    config = sub.add_parser(
        "config",
        help="print every setting with its default (example), or validate a TOML file (check)",
    )
    config.add_argument("action", choices=["example", "check"])
    config.add_argument("file", nargs="?", help="the TOML file to check")
    config.set_defaults(func=_cmd_config, passthrough=False)

    key = sub.add_parser("new-key", help="print a fresh API key and its digest for the tenant file")
    key.add_argument("--digest-of", metavar="KEY", help="only print the digest of an existing key")
    key.set_defaults(func=_cmd_new_key, passthrough=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if rest and not args.passthrough:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return args.func(args, rest)


if __name__ == "__main__":
    sys.exit(main())
