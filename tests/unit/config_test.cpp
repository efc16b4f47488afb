// The settings file as the staff screen writes it: what it saves loads back the same, keys written
// by hand survive, and CheckConfig names the setting and the reason for each bad value.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config.h"

namespace ik {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "ik-config-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        m_dir = pattern;
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

bool Has(const std::vector<ConfigProblem>& problems, const std::string& key) {
    for (const ConfigProblem& p : problems)
        if (p.key == key) return true;
    return false;
}

TEST_F(ConfigTest, WhatIsSavedLoadsBackTheSame) {
    KioskConfig config;
    config.kioskId = "kiosk-centrale-1";
    config.branch = "Centrale bibliotheek";
    config.syncEndpoint = "https://monitor.example.org";
    config.tokenFile = m_dir / "sync.token";
    config.batchSize = 300;
    config.minGroupSize = 10;
    config.idleTimeoutSeconds = 60;
    config.thanksSeconds = 4;
    config.languages = {"nl", "uk"};
    config.staffLanguage = StaffLanguage::English;
    config.speech = {.startOn = true, .volume = 65, .rate = 130};
    const fs::path file = m_dir / "sub" / "config.toml";
    ASSERT_TRUE(SaveConfig(config, file));
    Result<KioskConfig> loaded = LoadConfig(file);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_EQ(loaded->kioskId, config.kioskId);
    EXPECT_EQ(loaded->branch, config.branch);
    EXPECT_EQ(loaded->syncEndpoint, config.syncEndpoint);
    EXPECT_EQ(loaded->tokenFile, config.tokenFile);
    EXPECT_EQ(loaded->batchSize, 300);
    EXPECT_EQ(loaded->minGroupSize, 10);
    EXPECT_EQ(loaded->idleTimeoutSeconds, 60);
    EXPECT_EQ(loaded->thanksSeconds, 4);
    EXPECT_EQ(loaded->languages, config.languages);
    EXPECT_EQ(loaded->staffLanguage, StaffLanguage::English);
    EXPECT_TRUE(loaded->speech.startOn);
    EXPECT_EQ(loaded->speech.volume, 65);
    EXPECT_EQ(loaded->speech.rate, 130);
    EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST_F(ConfigTest, KeysItDoesNotKnowAreKept) {
    const fs::path file = m_dir / "config.toml";
    std::ofstream(file) << "[kiosk]\nid = \"old\"\ndata_dir = \"/srv/kiosk\"\n[future]\nfeature = true\n";
    Result<KioskConfig> loaded = LoadConfig(file);
    ASSERT_TRUE(loaded) << loaded.error();
    loaded->kioskId = "new";
    ASSERT_TRUE(SaveConfig(*loaded, file));
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("feature = true"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("data_dir = '/srv/kiosk'"), std::string::npos) << text.str();
    EXPECT_EQ(LoadConfig(file)->kioskId, "new");
}

TEST_F(ConfigTest, CheckNamesEachBadSetting) {
    KioskConfig config;
    config.kioskId = "kiosk 1";
    EXPECT_TRUE(Has(CheckConfig(config), "kiosk.id"));
    config.kioskId = "kiosk-1";
    EXPECT_TRUE(CheckConfig(config).empty());
    config.syncEndpoint = "monitor.example.org";
    config.caFile = m_dir / "missing.pem";
    config.idleTimeoutSeconds = 5;
    config.thanksSeconds = 100;
    config.minGroupSize = 0;
    config.languages = {"NL"};
    const std::vector<ConfigProblem> problems = CheckConfig(config);
    for (const char* key : {"sync.endpoint", "sync.ca_file", "visitor.idle_timeout_seconds",
                            "visitor.thanks_seconds", "privacy.min_group_size", "visitor.languages"})
        EXPECT_TRUE(Has(problems, key)) << key;
}

TEST_F(ConfigTest, ABadLanguageListInAFileNamesTheLine) {
    const fs::path file = m_dir / "config.toml";
    std::ofstream(file) << "[kiosk]\nid = \"k\"\n[visitor]\nlanguages = [\"nl\", 3]\n";
    Result<KioskConfig> loaded = LoadConfig(file);
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().find("config.toml:4: [visitor] languages"), std::string::npos) << loaded.error();
}

TEST_F(ConfigTest, StaffScreensAreInDutchUnlessTheFileSaysEnglish) {
    EXPECT_EQ(KioskConfig{}.staffLanguage, StaffLanguage::Dutch);
    const fs::path file = m_dir / "config.toml";
    std::ofstream(file) << "[kiosk]\nid = \"k\"\n";
    EXPECT_EQ(LoadConfig(file)->staffLanguage, StaffLanguage::Dutch);
    std::ofstream(file) << "[kiosk]\nid = \"k\"\n[staff]\nlanguage = \"en\"\n";
    EXPECT_EQ(LoadConfig(file)->staffLanguage, StaffLanguage::English);
    std::ofstream(file) << "[kiosk]\nid = \"k\"\n[staff]\nlanguage = \"nl\"\n";
    EXPECT_EQ(LoadConfig(file)->staffLanguage, StaffLanguage::Dutch);
    for (const char* bad : {"\"de\"", "\"\"", "\"NL\"", "1"}) {
        std::ofstream(file) << "[kiosk]\nid = \"k\"\n[staff]\nlanguage = " << bad << "\n";
        Result<KioskConfig> loaded = LoadConfig(file);
        ASSERT_FALSE(loaded) << bad;
        EXPECT_NE(loaded.error().find("config.toml:4: [staff] language: must be"), std::string::npos)
            << loaded.error();
    }
}

TEST_F(ConfigTest, ReadAloudIsOffAtTheStartUnlessStaffSayOtherwiseAndStaysInRange) {
    EXPECT_FALSE(KioskConfig{}.speech.startOn);
    const fs::path file = m_dir / "config.toml";
    std::ofstream(file) << "[kiosk]\nid = \"k\"\n[speech]\nstart_on = true\nvolume = 40\nrate = 120\n";
    Result<KioskConfig> loaded = LoadConfig(file);
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_TRUE(loaded->speech.startOn);
    EXPECT_EQ(loaded->speech.volume, 40);
    EXPECT_EQ(loaded->speech.rate, 120);
    std::ofstream(file) << "[kiosk]\nid = \"k\"\n[speech]\nvolume = 140\n";
    loaded = LoadConfig(file);
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().find("config.toml:4: [speech] volume: must be"), std::string::npos)
        << loaded.error();
    KioskConfig fast;
    fast.speech.rate = 400;
    EXPECT_TRUE(Has(CheckConfig(fast), "speech.rate"));
}

} // namespace
} // namespace ik
