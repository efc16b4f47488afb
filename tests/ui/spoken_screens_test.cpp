// Read-aloud as a visitor who cannot read uses it: turned on with the speaker, it reads each new screen
// in the visitor's language (the question, each answer with its number, how to answer), stops when the
// screen changes, and is off again for the next visitor. Languages without a voice read recordings where
// the questionnaire has them, and show no speaker where it has none.
#include <gtest/gtest.h>

#include "core/spoken_screens.h"
#include "core/ui_strings.h"
#include "headless_kiosk.h"
#include "store/staff_access.h"

namespace ik {
namespace {

struct Spoken : ::testing::Test {
    RecordingVoice voice;
    KioskAppOptions Options(SpeechSettings speech = {}) {
        KioskAppOptions options;
        options.voice = &voice;
        options.speech = speech;
        return options;
    }
    std::string Last() const { return voice.said.empty() ? std::string() : voice.said.back().Text(); }
};

TEST_F(Spoken, TheSpeakerReadsTheAttractScreenThenEveryNewScreenOfTheVisit) {
    HeadlessKiosk kiosk(Sample(), 1280, 800, Options());
    ASSERT_NE(kiosk.Find("speak"), nullptr);
    EXPECT_FALSE(kiosk.Find("speak")->selected);
    EXPECT_TRUE(voice.said.empty()) << "an empty kiosk says nothing";
    kiosk.Tap("speak");
    EXPECT_TRUE(kiosk.Find("speak")->selected);
    EXPECT_EQ(
        Last(),
        "Wat heeft de cursus je gebracht? Je hebt net een cursus digitale vaardigheden gevolgd. Vertel ons "
        "in een minuutje wat die je heeft opgeleverd. Je antwoorden zijn anoniem. Tik hier om te beginnen");
    kiosk.Frame(false);
    EXPECT_NE(kiosk.App().Dump().ToJson(0).find("\"speaking\": \"Wat heeft de cursus"), std::string::npos);

    kiosk.Tap("start");
    ASSERT_EQ(kiosk.Screen(), "language");
    ASSERT_GE(voice.said.size(), 2u);
    const Utterance& choose = voice.said.back();
    EXPECT_EQ(choose.Text(), "Kies je taal Nederlands English");
    // Each language's name in its own voice.
    EXPECT_EQ(choose.parts[1].language, "nl");
    EXPECT_EQ(choose.parts[2].language, "en");

    kiosk.Tap("lang:nl");
    ASSERT_EQ(kiosk.Screen(), "question:learned");
    EXPECT_EQ(Last(),
              "Ik heb in deze cursus iets nuttigs geleerd. 1: Helemaal mee oneens 2: Mee oneens 3: Neutraal "
              "4: Mee eens 5: Helemaal mee eens 6: Weet ik niet");
    // Each answer shows the number it is read with.
    const size_t before = voice.said.size();
    kiosk.Tap("option:4");
    kiosk.Wait(0.6);
    ASSERT_EQ(kiosk.Screen(), "question:confident");
    EXPECT_EQ(voice.said.size(), before + 1) << "the next question is read by itself";
    EXPECT_NE(Last().find("1: Helemaal mee oneens"), std::string::npos);
}

TEST_F(Spoken, EachQuestionTypeSaysHowToAnswer) {
    HeadlessKiosk kiosk(AllTypes(), 1280, 800, Options({.startOn = true}));
    kiosk.Tap("lang:nl");
    std::map<QuestionType, std::string> heard;
    for (int guard = 0; kiosk.Screen().rfind("question:", 0) == 0 && guard < 20; ++guard) {
        const Question* q = kiosk.App().Session().CurrentQuestion();
        heard[q->type] = Last();
        if (q->type == QuestionType::ThenNow) {
            kiosk.Tap("then:1");
            kiosk.Tap("now:2");
        } else if (q->type == QuestionType::Number) {
            kiosk.Tap("key:5");
            kiosk.Tap("next");
        } else if (HasOptions(q->type)) {
            kiosk.Tap("option:" + q->options.front().code);
            if (q->type == QuestionType::MultiChoice) kiosk.Tap("next");
        } else if (q->type == QuestionType::Scale) {
            kiosk.Tap("option:" + std::to_string(q->max));
        } else {
            kiosk.Tap("next");
        }
        kiosk.Wait(0.6);
    }
    EXPECT_NE(
        heard[QuestionType::Scale].find("Kies een getal van 0 tot en met 10. 0: heel slecht 10: uitstekend"),
        std::string::npos)
        << heard[QuestionType::Scale];
    EXPECT_NE(heard[QuestionType::Number].find("Typ het getal op de toetsen en tik dan op Volgende."),
              std::string::npos);
    EXPECT_NE(heard[QuestionType::MultiChoice].find("Tik daarna op Volgende."), std::string::npos);
    EXPECT_NE(heard[QuestionType::ThenNow].find("Kies eerst hoe het vroeger was, en dan hoe het nu is."),
              std::string::npos);
    // Each answer with the number it is read with.
    const Questionnaire allTypes = AllTypes();
    const Question& reason = *allTypes.FindQuestion("reason");
    EXPECT_NE(heard[QuestionType::SingleChoice].find("1: " + reason.options[0].label.at("nl") +
                                                     " 2: " + reason.options[1].label.at("nl")),
              std::string::npos)
        << heard[QuestionType::SingleChoice];
    // The thank-you screen is read too.
    EXPECT_EQ(kiosk.Screen(), "thanks");
    EXPECT_EQ(Last(),
              PickText(AllTypes().thanks, "nl").empty() ? "Dank je wel!" : PickText(AllTypes().thanks, "nl"));
}

TEST_F(Spoken, ArabicIsReadInArabicOnAMirroredScreen) {
    const Questionnaire cafe =
        LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    HeadlessKiosk kiosk(cafe, 1280, 800, Options({.startOn = true}));
    kiosk.Tap("lang:ar");
    ASSERT_EQ(kiosk.Screen(), "question:confident");
    EXPECT_NE(kiosk.App().Dump().ToJson(0).find("\"rtl\": true"), std::string::npos);
    ASSERT_FALSE(voice.said.empty());
    const Utterance& u = voice.said.back();
    for (const SpeechPart& part : u.parts)
        EXPECT_EQ(part.language, "ar") << part.text;
    EXPECT_EQ(u.parts.front().text, cafe.questions[0].label.at("ar"));
    EXPECT_EQ(u.parts[1].text, "1: " + cafe.questions[0].options[0].label.at("ar"));
    // Mirrored: the first answer (read as "1") is the rightmost tile, back is right of next.
    const DumpElement* first = kiosk.Find("option:" + cafe.questions[0].options[0].code);
    const DumpElement* last = kiosk.Find("option:" + cafe.questions[0].options.back().code);
    EXPECT_GT(first->x, last->x);
    EXPECT_GT(kiosk.Find("back")->x, kiosk.Find("next")->x);
}

TEST_F(Spoken, ALanguageWithoutAVoiceOrRecordingsShowsNoSpeaker) {
    const Questionnaire cafe =
        LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    HeadlessKiosk kiosk(cafe, 1280, 800, Options());
    kiosk.Tap("lang:ti");
    ASSERT_EQ(kiosk.Screen(), "question:confident");
    EXPECT_EQ(kiosk.Find("speak"), nullptr)
        << "Tigrinya: espeak-ng has no voice, the sample has no recordings";
    EXPECT_NE(kiosk.Find("text_larger"), nullptr);
    // Staff can list what has no voice.
    const auto missing =
        TextsWithoutVoice(cafe, "ti", [this](std::string_view l) { return voice.Speaks(l); });
    EXPECT_FALSE(missing.empty());
    EXPECT_TRUE(
        TextsWithoutVoice(cafe, "ar", [this](std::string_view l) { return voice.Speaks(l); }).empty());
}

TEST_F(Spoken, RecordingsAndOtherWordsTakeThePlaceOfTheWrittenText) {
    Questionnaire q = Sample();
    q.languages.push_back("ti");
    Question& first = q.questions[0];
    first.label["ti"] = "ኣብዚ ኮርስ ጠቓሚ ነገር ተማሂረ።";
    first.label["nl"] = "Ik heb in de ICT-cursus iets nuttigs geleerd.";
    // A valid (silent) WAV recording for Tigrinya.
    std::string wav = "RIFF";
    auto le32 = [](std::uint32_t v) {
        return std::string{char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    };
    wav += le32(36 + 320) + "WAVEfmt " + le32(16) + std::string("\x01\x00\x01\x00", 4) + le32(16000) +
           le32(32000) + std::string("\x02\x00\x10\x00", 4) + "data" + le32(320) + std::string(320, '\0');
    Result<AudioClip> clip = ReadAudioClip(wav);
    ASSERT_TRUE(clip) << clip.error();
    q.spoken[QuestionTextKey(first.id, "label")]["ti"].audio = *clip;
    q.spoken[QuestionTextKey(first.id, "label")]["nl"].say =
        "Ik heb in de I C T cursus iets nuttigs geleerd.";

    Utterance nl = SpeakQuestion(q, first, "nl", [](std::string_view l) { return l == "nl"; });
    EXPECT_EQ(nl.parts.front().text, "Ik heb in de I C T cursus iets nuttigs geleerd.");
    Utterance ti = SpeakQuestion(q, first, "ti", [](std::string_view l) { return l == "nl"; });
    ASSERT_FALSE(ti.parts.empty());
    EXPECT_TRUE(ti.parts[0].audio);
    EXPECT_EQ(ti.parts[0].text, "ኣብዚ ኮርስ ጠቓሚ ነገር ተማሂረ።");
    // No number is said (the kiosk's own words need a Tigrinya voice); answers with no Tigrinya text
    // are read as the screen shows them, in Dutch.
    for (size_t i = 1; i < ti.parts.size(); ++i) {
        EXPECT_EQ(ti.parts[i].language, "nl") << ti.parts[i].text;
        EXPECT_FALSE(ti.parts[i].text.starts_with(std::to_string(i) + ":"));
    }

    HeadlessKiosk kiosk(q, 1280, 800, Options());
    kiosk.Tap("lang:ti");
    ASSERT_NE(kiosk.Find("speak"), nullptr) << "a recording makes the question readable";
    kiosk.Tap("speak");
    ASSERT_FALSE(voice.said.empty());
    EXPECT_TRUE(voice.said.back().parts.front().audio);
}

TEST_F(Spoken, ItStopsWhenTheScreenChangesAndIsOffForTheNextVisitor) {
    HeadlessKiosk kiosk(Sample(), 1280, 800, Options());
    kiosk.Tap("lang:nl");
    kiosk.Tap("speak");
    EXPECT_TRUE(voice.Speaking());
    kiosk.Tap("speak"); // off again
    EXPECT_FALSE(voice.Speaking());
    kiosk.Tap("speak");
    const int stops = voice.stops;
    kiosk.Tap("stop");
    ASSERT_EQ(kiosk.Screen(), "attract");
    EXPECT_FALSE(voice.Speaking()) << "silent at once when the visit ends";
    EXPECT_GT(voice.stops, stops);
    EXPECT_FALSE(kiosk.App().Visitor().speech) << "off for the next visitor";
    const size_t said = voice.said.size();
    kiosk.Tap("lang:nl");
    EXPECT_EQ(voice.said.size(), said) << "nothing is read unless this visitor turns it on";
}

TEST_F(Spoken, StaffCanHaveItStartOnForEveryVisitAndTheVoiceGetsTheirVolumeAndRate) {
    HeadlessKiosk kiosk(Sample(), 1280, 800, Options({.startOn = true, .volume = 55, .rate = 120}));
    EXPECT_EQ(voice.settings.volume, 55);
    EXPECT_EQ(voice.settings.rate, 120);
    EXPECT_TRUE(kiosk.Find("speak")->selected);
    EXPECT_TRUE(voice.said.empty()) << "the attract screen is read only when asked";
    kiosk.Tap("lang:nl");
    EXPECT_EQ(voice.said.size(), 1u);
    EXPECT_EQ(voice.said.back().parts.front().text, "Ik heb in deze cursus iets nuttigs geleerd.");
}

TEST_F(Spoken, WhenItStartsOnATapOnTheSilentStartScreenReadsItInsteadOfTurningItOff) {
    HeadlessKiosk kiosk(Sample(), 1280, 800, Options({.startOn = true}));
    ASSERT_TRUE(kiosk.Find("speak")->selected);
    ASSERT_TRUE(voice.said.empty());
    kiosk.Tap("speak");
    EXPECT_TRUE(kiosk.Find("speak")->selected) << "the visitor asked to hear it, not to silence it";
    ASSERT_EQ(voice.said.size(), 1u);
    EXPECT_EQ(Last().rfind("Wat heeft de cursus je gebracht?", 0), 0u) << Last();
    const int stops = voice.stops;
    kiosk.Tap("speak");
    EXPECT_FALSE(kiosk.Find("speak")->selected) << "once it has been read, the speaker turns it off";
    EXPECT_FALSE(voice.Speaking());
    EXPECT_GT(voice.stops, stops) << "and the voice stops";
}

TEST_F(Spoken, TheIdleWarningIsReadAloud) {
    KioskAppOptions options = Options({.startOn = true});
    options.session.idleWarningAfter = 5;
    options.session.idleCountdown = 10;
    HeadlessKiosk kiosk(Sample(), 1280, 800, options);
    kiosk.Tap("lang:nl");
    kiosk.Wait(6);
    ASSERT_EQ(kiosk.Screen(), "idle_warning");
    EXPECT_EQ(Last().rfind("Ben je er nog?", 0), 0u) << Last();
    EXPECT_NE(Last().find("Tik op Ja, verder om door te gaan."), std::string::npos);
}

TEST_F(Spoken, StaffSeeWhichTextsCannotBeReadAloud) {
    const Questionnaire cafe =
        LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    HeadlessKiosk::adjustStaffServices = [this](StaffServices& services) {
        services.speaks = [this](std::string_view l) { return voice.Speaks(l); };
    };
    HeadlessKiosk kiosk(cafe, 1280, 800, Options(), 0.0f, true);
    HeadlessKiosk::adjustStaffServices = nullptr;
    ASSERT_TRUE(StaffAccess(kiosk.Db()).SetPin("2468", WallClock::now()));
    kiosk.Hold("staff_corner", 3.2);
    kiosk.EnterPin("2468");
    ASSERT_EQ(kiosk.Screen(), "staff_home");
    kiosk.Tap("questionnaires");
    const DumpElement* note = kiosk.Find("voice:language_cafe:1");
    ASSERT_NE(note, nullptr) << kiosk.Ids();
    // In Dutch, the staff's language: Tigrinya and Somali have neither a voice nor recordings.
    EXPECT_NE(note->label.find("Voorlezen: "), std::string::npos) << note->label;
    EXPECT_NE(note->label.find(LanguageName("ti") + ": "), std::string::npos) << note->label;
    EXPECT_NE(note->label.find(LanguageName("so") + ": "), std::string::npos) << note->label;
    EXPECT_EQ(note->label.find(LanguageName("ar")), std::string::npos) << note->label;
}

TEST_F(Spoken, WithoutSoundStaffAreToldOnceInsteadOfAListOfTexts) {
    const Questionnaire cafe =
        LoadFile(std::filesystem::path(IK_ASSET_DIR) / "questionnaires/language_cafe.json");
    HeadlessKiosk::adjustStaffServices = [](StaffServices& services) {
        services.speaks = [](std::string_view) { return false; };
        services.speechProblem = [] {
            return std::string("cannot open audio output default: No such device");
        };
    };
    HeadlessKiosk kiosk(cafe, 1280, 800, Options(), 0.0f, true);
    HeadlessKiosk::adjustStaffServices = nullptr;
    ASSERT_TRUE(StaffAccess(kiosk.Db()).SetPin("2468", WallClock::now()));
    kiosk.Hold("staff_corner", 3.2);
    kiosk.EnterPin("2468");
    kiosk.Tap("questionnaires");
    const DumpElement* line = kiosk.Find("speech_problem");
    ASSERT_NE(line, nullptr) << kiosk.Ids();
    EXPECT_EQ(line->label.rfind("Voorlezen staat uit: deze kiosk heeft geen geluid (", 0), 0u) << line->label;
    EXPECT_NE(line->label.find("No such device"), std::string::npos) << line->label;
    EXPECT_EQ(kiosk.Find("voice:language_cafe:1"), nullptr)
        << "a list of every text, as if the voice were missing";
    kiosk.Tap("back");
    kiosk.Tap("settings");
    EXPECT_TRUE(kiosk.ScrollTo("speech_problem")) << "Settings, under Read aloud: " << kiosk.Ids();
}

} // namespace
} // namespace ik
