#!/usr/bin/python3
"""Proves that packaging/debian-deps.txt names everything the build and the tests use, and that the
built .deb packages declare everything their programs load: a fresh Debian 12 machine then has all of
it, even though this machine may have more (what earlier work installed).

  check-deps.py --build-dir build/debug [--build-dir ...]   headers the compiler read (ninja's record of
                                                            the .d files), the shared libraries of every
                                                            program built, the Python modules the tests
                                                            and scripts import
  check-deps.py --debs build/release/*.deb                  every program in the packages finds its
                                                            libraries through the packages' Depends
  --deps-file FILE                                          another list (the self-test drops one entry)

A file outside the repository belongs to a Debian package (dpkg -S); that package must be listed, or be
a dependency of a listed one (apt-cache depends --recurse --installed), or be part of every Debian
system (Essential: yes, Priority: required). Each problem is one line naming the package that is
missing and the file that needed it. Exit 0: all covered; 1: something is missing; 2: usage.
"""

import argparse
import ast
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LIST = os.path.join(REPO, "packaging", "debian-deps.txt")
PYTHON = "/usr/bin/python3"  # the interpreter the tests run with (CMakePresets.json)
# Test and tool scripts whose imports must come from the list.
PYTHON_DIRS = ("tests", "packaging")


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.split("#")[0].strip() for line in f if line.split("#")[0].strip()]


# ---------------------------------------------------------------------------------------------
# Which package owns a file, and what a set of packages brings with it


def strip_arch(name):
    return name.split(":")[0]


def owners(paths):
    """{path: package} for every path dpkg knows; paths are tried as given and with /usr merged."""
    candidates = {}
    for p in paths:
        forms = {p, os.path.realpath(p)}
        for form in list(forms):
            for a, b in (("/usr/lib/", "/lib/"), ("/lib/", "/usr/lib/"), ("/usr/bin/", "/bin/"), ("/bin/", "/usr/bin/")):
                if form.startswith(a):
                    forms.add(b + form[len(a):])
        for form in forms:
            candidates.setdefault(form, set()).add(p)
    found = {}
    names = sorted(candidates)
    for i in range(0, len(names), 500):  # dpkg -S takes many paths at once; keep the command line sane
        out = run(["dpkg", "-S", *names[i:i + 500]]).stdout
        for line in out.splitlines():
            if line.startswith("diversion "):
                continue
            packages, _, path = line.partition(": ")
            if path not in candidates:
                continue
            package = strip_arch(packages.split(", ")[0])
            for original in candidates[path]:
                found.setdefault(original, package)
    return found


def closure(packages):
    """The packages and everything they depend on (Depends, Pre-Depends), as installed here."""
    if not packages:
        return set()
    out = run(["apt-cache", "depends", "--recurse", "--installed", "--no-recommends", "--no-suggests",
               "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances", *packages]).stdout
    found = set()
    for line in out.splitlines():
        if line and not line[0].isspace():
            found.add(strip_arch(line.strip().strip("<>")))
        elif line.strip() and ":" not in line:
            found.add(strip_arch(line.strip().strip("<>")))  # a provider listed under a virtual package
    return found


def base_system():
    """Packages every Debian system has: Essential ones and those of Priority required."""
    out = run(["dpkg-query", "-W", "-f", "${Package} ${Essential} ${Priority}\n"]).stdout
    return {f[0] for f in (line.split() for line in out.splitlines())
            if len(f) >= 2 and ("yes" in f[1:] or "required" in f[1:])}


def not_installed(packages):
    out = run(["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\n", *packages]).stdout
    installed = {f[0] for f in (line.split() for line in out.splitlines()) if len(f) == 2 and f[1] == "installed"}
    return [p for p in packages if p not in installed]


# ---------------------------------------------------------------------------------------------
# What the build read and made


def inside(path, roots):
    return any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)


def headers_read(build_dir):
    """{header outside the repository: the source file that first included it}, from ninja's record of
    the compiler's .d files (ninja folds them into .ninja_deps), or from .d files a Makefile build keeps."""
    records = []  # (source, [dependencies])
    if os.path.exists(os.path.join(build_dir, "build.ninja")):
        out = run(["ninja", "-C", build_dir, "-t", "deps"]).stdout
        current = None
        for line in out.splitlines():
            if not line.strip():
                continue
            if not line[0].isspace():
                current = []
                records.append(current)
            elif current is not None:
                current.append(line.strip())
    for root, _, files in os.walk(build_dir):
        for name in files:
            if name.endswith(".d"):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    text = f.read().replace("\\\n", " ")
                _, _, deps = text.partition(": ")
                records.append(deps.split())
    roots = [os.path.realpath(REPO), os.path.realpath(build_dir)]
    needed = {}
    for deps in records:
        if not deps:
            continue
        source = os.path.relpath(deps[0], REPO) if deps[0].startswith("/") else deps[0]
        for dep in deps[1:]:
            path = os.path.normpath(dep if dep.startswith("/") else os.path.join(build_dir, dep))
            if not inside(os.path.realpath(path), roots):
                needed.setdefault(path, f"compiling {source}")
    return needed


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def programs_in(folder, skip=("CMakeFiles",)):
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            path = os.path.join(root, name)
            if (name.endswith(".so") or ".so." in name or os.access(path, os.X_OK)) and not os.path.islink(path) \
                    and not name.endswith((".o", ".a")) and is_elf(path):
                yield path


def libraries_loaded(program):
    """{library file: None} the dynamic loader finds for `program`, or {name: 'not found'}."""
    out = run(["ldd", program])
    found = {}
    for line in out.stdout.splitlines():
        m = re.match(r"\s*(\S+) => (not found|(\S+) \(0x)", line)
        if m:
            found[m.group(3) or m.group(1)] = "not found" if m.group(2) == "not found" else None
        else:
            m = re.match(r"\s*(/\S+) \(0x", line)  # the loader itself
            if m:
                found[m.group(1)] = None
    return found


def python_imports(dirs):
    """{module: script that imports it} for modules that are neither the standard library's nor ours."""
    local, scripts = set(), []
    for d in dirs:
        for root, _, files in os.walk(os.path.join(REPO, d)):
            for name in files:
                if name.endswith(".py"):
                    local.add(name[:-3])
                    scripts.append(os.path.join(root, name))
    stdlib = set(sys.stdlib_module_names)
    needed = {}
    for script in sorted(scripts):
        with open(script, encoding="utf-8") as f:
            tree = ast.parse(f.read(), script)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in stdlib and top not in local:
                    needed.setdefault(top, os.path.relpath(script, REPO))
    return needed


def module_files(modules):
    """{module: file} as Debian's python3 finds them, or None where it finds nothing."""
    code = ("import importlib.util, sys\n"
            "for m in sys.argv[1:]:\n"
            "    s = importlib.util.find_spec(m)\n"
            "    print(m, (s.origin if s and s.origin not in (None, 'namespace') else "
            "(list(s.submodule_search_locations)[0] if s and s.submodule_search_locations else '-')))\n")
    out = run([PYTHON, "-c", code, *modules]).stdout
    files = {}
    for line in out.splitlines():
        module, _, path = line.partition(" ")
        files[module] = None if path == "-" else path
    return files


# ---------------------------------------------------------------------------------------------
# The checks


def check_build(build_dirs, listed, problems, notes):
    missing = not_installed(listed)
    for p in missing:
        problems.append(f"{p}: listed but not installed (run `bash packaging/dev.sh test`, which installs the list)")
    allowed = closure([p for p in listed if p not in missing]) | base_system()

    needed = {}  # file -> what needed it
    for build_dir in build_dirs:
        headers = headers_read(build_dir)
        if not headers:
            problems.append(f"{build_dir}: no record of what the compiler read (build it first)")
        notes.append(f"{build_dir}: {len(headers)} headers from outside the repository")
        needed.update({h: why for h, why in headers.items() if h not in needed})
        programs = list(programs_in(build_dir))
        for program in programs:
            for lib, state in libraries_loaded(program).items():
                if state == "not found":
                    problems.append(f"{os.path.relpath(program, REPO)}: library {lib} not found")
                else:
                    needed.setdefault(lib, f"running {os.path.relpath(program, REPO)}")
        notes.append(f"{build_dir}: {len(programs)} programs")
    modules = python_imports(PYTHON_DIRS)
    for module, path in module_files(sorted(modules)).items():
        if path is None:
            problems.append(f"python module {module!r} (imported by {modules[module]}) is not installed for "
                            f"{PYTHON}")
        else:
            needed.setdefault(path, f"importing {module} in {modules[module]}")
    notes.append(f"{len(modules)} python modules from outside the standard library: {', '.join(sorted(modules))}")

    owner = owners(sorted(needed))
    by_package = {}
    for path, why in sorted(needed.items()):
        package = owner.get(path)
        if package is None:
            problems.append(f"{path} ({why}) belongs to no Debian package: install it from a package and list that")
        elif package not in allowed:
            by_package.setdefault(package, []).append((path, why))
    for package, files in sorted(by_package.items()):
        path, why = files[0]
        more = f" and {len(files) - 1} more files" if len(files) > 1 else ""
        problems.append(f"{package}: not in {shown(LIST_PATH)} (nor a dependency of a package "
                        f"there), but {path} is in it, needed for {why}{more}")


def deb_field(deb, field):
    return run(["dpkg-deb", "--field", deb, field]).stdout.strip()


def depends_names(text):
    """Package names of a Depends field; of `a | b` any installed one will do, so all are taken."""
    names = []
    for part in re.split(r"[,|]", text):
        part = part.strip()
        if part:
            names.append(strip_arch(re.split(r"[\s(]", part)[0]))
    return names


def check_debs(debs, problems, notes):
    base = base_system()
    for deb in debs:
        package = deb_field(deb, "Package")
        declared = depends_names(deb_field(deb, "Depends")) + depends_names(deb_field(deb, "Pre-Depends"))
        allowed = closure([d for d in declared if not not_installed([d])]) | base | {package}
        with tempfile.TemporaryDirectory() as tree:
            r = run(["dpkg-deb", "-x", deb, tree])
            if r.returncode != 0:
                problems.append(f"{deb}: cannot unpack: {r.stderr.strip()}")
                continue
            programs = list(programs_in(tree, skip=()))
            needed = {}
            for program in programs:
                shown = "/" + os.path.relpath(program, tree)
                for lib, state in libraries_loaded(program).items():
                    if state == "not found":
                        problems.append(f"{package}: {shown} needs {lib}, which no installed package has")
                    else:
                        needed.setdefault(lib, shown)
            owner = owners(sorted(needed))
            for lib, program in sorted(needed.items()):
                if owner.get(lib) is None:
                    problems.append(f"{package}: {program} loads {lib}, which belongs to no Debian package")
                elif owner[lib] not in allowed:
                    problems.append(f"{package}: Depends lacks {owner[lib]} (nor does a dependency bring it), "
                                    f"but {program} loads {lib} from it")
            notes.append(f"{os.path.basename(deb)}: {len(programs)} programs, {len(needed)} libraries, "
                         f"Depends: {', '.join(declared)}")


def shown(path):
    return os.path.relpath(path, REPO) if inside(path, [REPO]) else path


def main():
    global LIST_PATH
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deps-file", default=DEFAULT_LIST)
    parser.add_argument("--build-dir", action="append", default=[])
    parser.add_argument("--debs", nargs="+", default=[])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not args.build_dir and not args.debs:
        parser.print_usage(sys.stderr)
        return 2
    LIST_PATH = os.path.abspath(args.deps_file)
    problems, notes = [], []
    if args.build_dir:
        check_build([os.path.abspath(b) for b in args.build_dir], read_list(args.deps_file), problems, notes)
    if args.debs:
        check_debs([os.path.abspath(d) for d in args.debs], problems, notes)
    if args.verbose or problems:
        for note in notes:
            print(f"check-deps: {note}", file=sys.stderr)
    for problem in problems:
        print(f"check-deps: MISSING {problem}", file=sys.stderr)
    if problems:
        print(f"check-deps: FAIL: {len(problems)} problems; add the packages named above to "
              f"{shown(LIST_PATH) if not args.debs else 'the Depends in packaging/CPack.cmake'}",
              file=sys.stderr)
        return 1
    print("check-deps: ok: " + "; ".join(notes))
    return 0


LIST_PATH = DEFAULT_LIST

if __name__ == "__main__":
    sys.exit(main())
