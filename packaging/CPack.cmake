# Install rules and the two Debian packages (`cpack -G DEB` in a build tree):
#   impactkiosk          the kiosk and its tools, the kiosk session (systemd unit + X session script),
#                        sample questionnaires, a first config, docs
#   impactkiosk-monitor  the central monitor, its hardened systemd service, the nginx TLS example, docs
# Maintainer scripts (users, folders, service handling) are in packaging/debian/<package>/.
include(GNUInstallDirs)

# Debian 12 keeps units in /lib/systemd/system (what its systemd.pc says).
set(IK_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH "Where the systemd units go")
set(IK_PKG ${CMAKE_CURRENT_LIST_DIR})

# [SECTION] impactkiosk
install(TARGETS impactkiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
install(PROGRAMS ${IK_PKG}/session/kiosk-session ${IK_PKG}/session/kiosk-xsession DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/impactkiosk
        COMPONENT kiosk)
install(FILES ${IK_PKG}/systemd/impactkiosk.service DESTINATION ${IK_SYSTEMD_UNIT_DIR} COMPONENT kiosk)
# The first /etc/impactkiosk/config.toml (postinst copies it; not a conffile, the staff screen rewrites it).
install(FILES ${IK_PKG}/session/config.toml DESTINATION ${CMAKE_INSTALL_DATADIR}/impactkiosk COMPONENT kiosk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/questionnaires DESTINATION ${CMAKE_INSTALL_DATADIR}/impactkiosk
        COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/docs/install-kiosk.md
              ${PROJECT_SOURCE_DIR}/docs/user-guide.md
              ${PROJECT_SOURCE_DIR}/docs/staff-guide-en.md
              ${PROJECT_SOURCE_DIR}/docs/staff-guide-nl.md
              ${PROJECT_SOURCE_DIR}/docs/operator-guide.md
              ${PROJECT_SOURCE_DIR}/docs/questionnaire-format.md
              ${PROJECT_SOURCE_DIR}/docs/questionnaire.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/impactkiosk COMPONENT kiosk)

# [SECTION] impactkiosk-monitor
install(TARGETS impactkiosk-monitor RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT monitor)
install(FILES ${IK_PKG}/systemd/impactkiosk-monitor.service DESTINATION ${IK_SYSTEMD_UNIT_DIR}
        COMPONENT monitor)
install(FILES ${IK_PKG}/systemd/impactkiosk-monitor.default DESTINATION /etc/default
        RENAME impactkiosk-monitor COMPONENT monitor)
install(FILES ${IK_PKG}/nginx/impactkiosk-monitor.conf
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/impactkiosk-monitor/examples
        RENAME nginx-impactkiosk-monitor.conf COMPONENT monitor)
install(FILES ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/docs/install-monitor.md
              ${PROJECT_SOURCE_DIR}/docs/operator-guide.md
              ${PROJECT_SOURCE_DIR}/docs/protocol.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/impactkiosk-monitor COMPONENT monitor)

# [SECTION] CPack
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME impactkiosk)
set(CPACK_PACKAGE_VENDOR "Impactkiosk")
set(CPACK_PACKAGE_CONTACT "Impactkiosk maintainers <impactkiosk@example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL kiosk monitor)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/impactkiosk")
# Library dependencies from the binaries (dpkg-shlibdeps); the rest is named below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME impactkiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION misc)
# The session: Xorg with the modesetting driver (in -core) and libinput for touch panels, started by
# startx (xinit, xauth); xset and setxkbmap switch off blanking and the keys out. Fonts and CAs for the
# screen and for TLS. All video drivers (xserver-xorg) are a recommendation.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "adduser, ca-certificates, fonts-noto-core, xserver-xorg-core, xserver-xorg-input-libinput, xinit, xauth, x11-xserver-utils, x11-xkb-utils")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "xserver-xorg, sqlite3")
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "touch-screen survey kiosk for public libraries
 Visitors tap answers to short outcome questions; every answer is stored at
 once in SQLite on the kiosk and sent in batches to the library network's
 central monitor. Staff set up questionnaires behind a PIN. Includes the
 kiosk session (an X11 session under systemd with a watchdog) and
 `impactkiosk doctor`.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${IK_PKG}/debian/impactkiosk/postinst;${IK_PKG}/debian/impactkiosk/prerm;${IK_PKG}/debian/impactkiosk/postrm")

set(CPACK_DEBIAN_MONITOR_PACKAGE_NAME impactkiosk-monitor)
set(CPACK_DEBIAN_MONITOR_PACKAGE_SECTION net)
# init-system-helpers: deb-systemd-helper and deb-systemd-invoke in the maintainer scripts.
set(CPACK_DEBIAN_MONITOR_PACKAGE_DEPENDS "adduser, init-system-helpers")
set(CPACK_DEBIAN_MONITOR_PACKAGE_RECOMMENDS "sqlite3")
set(CPACK_DEBIAN_MONITOR_PACKAGE_SUGGESTS "nginx, certbot, python3-certbot-nginx")
set(CPACK_DEBIAN_MONITOR_DESCRIPTION "central monitor for Impactkiosk survey kiosks
 Receives batches of survey responses from Impactkiosk kiosks (sync protocol
 v1), stores each response exactly once in SQLite and exports them as CSV or
 JSON. Runs as a hardened systemd service behind a TLS reverse proxy (an nginx
 example is included).")
set(CPACK_DEBIAN_MONITOR_PACKAGE_CONTROL_EXTRA
    "${IK_PKG}/debian/impactkiosk-monitor/postinst;${IK_PKG}/debian/impactkiosk-monitor/prerm;${IK_PKG}/debian/impactkiosk-monitor/postrm;${IK_PKG}/debian/impactkiosk-monitor/conffiles")

include(CPack)
