#!/usr/bin/python3
# packaging/check-deps.py catches a package that the build or a test needs but that
# packaging/debian-deps.txt does not name, on a machine that has it installed anyway (as a developer's
# machine and a reused CI machine do): run on this build with the real list it passes, and with one
# needed package taken out of a copy of the list it fails and names that package and the file that
# needed it. Likewise a .deb whose Depends lacks a library its program loads.
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = os.environ.get("IK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ["IK_BUILD_DIR"]
MONITOR = os.environ["IK_MONITOR"]
CHECK = os.path.join(SOURCE, "packaging", "check-deps.py")
LIST = os.path.join(SOURCE, "packaging", "debian-deps.txt")


def load_checker():
    spec = importlib.util.spec_from_file_location("check_deps", CHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(*args):
    return subprocess.run([sys.executable, CHECK, *args], capture_output=True, text=True, timeout=300)


def listed():
    with open(LIST, encoding="utf-8") as f:
        return f.read().splitlines()


class DependencyList(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def without(self, package):
        lines = listed()
        self.assertIn(package, lines, f"{package} is not in debian-deps.txt to begin with")
        path = os.path.join(self.tmp.name, f"without-{package}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(line for line in lines if line != package) + "\n")
        return path

    def test_the_real_list_covers_this_build(self):
        r = check("--build-dir", BUILD)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("headers from outside the repository", r.stdout)

    def test_a_removed_package_is_named_with_the_file_that_needs_it(self):
        # A header reached only through another library's header (the bug this check was made for),
        # a library every program links, and a Python module of a test.
        for package, needed_file in (("libxrandr-dev", "/usr/include/X11/extensions/Xrandr.h"),
                                     ("libsodium-dev", "/usr/include/sodium.h"),
                                     ("python3-openpyxl", "openpyxl")):
            with self.subTest(package=package):
                r = check("--build-dir", BUILD, "--deps-file", self.without(package))
                self.assertEqual(r.returncode, 1, f"passed without {package}:\n{r.stdout}{r.stderr}")
                line = next((l for l in r.stderr.splitlines() if l.startswith(f"check-deps: MISSING {package}:")), None)
                self.assertIsNotNone(line, f"no line names {package}:\n{r.stderr}")
                self.assertIn(needed_file, line)


class PackageDepends(unittest.TestCase):
    """A .deb with the monitor in it, its Depends complete or with one library's package left out."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def deb(self, name, depends):
        root = os.path.join(self.tmp.name, name)
        os.makedirs(os.path.join(root, "DEBIAN"))
        os.makedirs(os.path.join(root, "usr", "bin"))
        shutil.copy(MONITOR, os.path.join(root, "usr", "bin", "impactkiosk-monitor"))
        with open(os.path.join(root, "DEBIAN", "control"), "w", encoding="utf-8") as f:
            f.write(f"Package: ik-deps-test\nVersion: 1\nArchitecture: amd64\nMaintainer: test <t@example.org>\n"
                    f"Depends: {depends}\nDescription: test\n")
        out = os.path.join(self.tmp.name, f"{name}.deb")
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Znone", "-b", root, out], check=True,
                       capture_output=True)
        return out

    def test_depends_must_bring_every_library_the_programs_load(self):
        # What dpkg-shlibdeps (CPack's SHLIBDEPS) would declare: the package of every library loaded.
        checker = load_checker()
        packages = sorted(set(checker.owners(checker.libraries_loaded(MONITOR)).values()))
        self.assertIn("libsqlite3-0", packages)
        r = check("--debs", self.deb("complete", ", ".join(packages)))
        self.assertEqual(r.returncode, 0, r.stderr)
        r = check("--debs", self.deb("lacking", ", ".join(p for p in packages if p != "libsqlite3-0")))
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertRegex(r.stderr, r"Depends lacks libsqlite3-0 .*/usr/bin/impactkiosk-monitor loads \S*libsqlite3\.so")


if __name__ == "__main__":
    unittest.main()
