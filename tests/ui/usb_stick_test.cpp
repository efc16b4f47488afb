// Where exports go: the stick's own top folder (found as a mount point), never a folder inside it,
// and never over an existing file. Mount points are faked by name: a test cannot mount a stick.
#include "ui/staff/usb_stick.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <unistd.h>

namespace ik {
namespace {

class UsbStick : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() / ("ik_usb_test_" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::filesystem::path Make(const std::string& relative) {
        std::filesystem::create_directories(m_dir / relative);
        return m_dir / relative;
    }
    // The folders named here are "mount points".
    std::function<bool(const std::filesystem::path&)> Mounted(std::set<std::string> names) {
        return [this, names](const std::filesystem::path& p) {
            return names.count(std::filesystem::relative(p, m_dir).string()) > 0;
        };
    }
    std::filesystem::path m_dir;
};

TEST_F(UsbStick, AStickMountedUnderMediaIsUsedItselfNotAFolderOnIt) {
    // Regression: the first writable folder inside the stick ("DCIM", "System Volume Information")
    // was taken for the stick.
    Make("media/STICK/DCIM");
    Make("media/STICK/System Volume Information");
    EXPECT_EQ(FindStick({m_dir / "media"}, Mounted({"media/STICK"})), m_dir / "media/STICK");
}

TEST_F(UsbStick, AStickMountedUnderAUserFolderIsFound) {
    Make("media/anna/KINGSTON/photos");
    Make("media/anna/notes");
    EXPECT_EQ(FindStick({m_dir / "media"}, Mounted({"media/anna/KINGSTON"})), m_dir / "media/anna/KINGSTON");
}

TEST_F(UsbStick, WithoutMountPointsTheFirstFolderIsTakenAndWithoutFoldersNothing) {
    EXPECT_EQ(FindStick({m_dir / "media"}, Mounted({})), std::filesystem::path());
    Make("media/B");
    Make("media/A/inside");
    EXPECT_EQ(FindStick({m_dir / "media"}, Mounted({})), m_dir / "media/A");
}

TEST_F(UsbStick, TheRealCheckSeesNoMountPointInAPlainFolder) {
    EXPECT_FALSE(IsMountPoint(Make("plain")));
    EXPECT_TRUE(IsMountPoint("/proc")); // a file system of its own on every Linux
}

TEST_F(UsbStick, AnExportNeverReplacesAFile) {
    const std::filesystem::path dir = Make("out");
    EXPECT_EQ(UniqueFile(dir, "results", "csv"), dir / "results.csv");
    std::ofstream(dir / "results.csv") << "a manager's edits";
    EXPECT_EQ(UniqueFile(dir, "results", "csv"), dir / "results-2.csv");
    std::ofstream(dir / "results-2.csv") << "another kiosk's export";
    EXPECT_EQ(UniqueFile(dir, "results", "csv"), dir / "results-3.csv");
}

} // namespace
} // namespace ik
