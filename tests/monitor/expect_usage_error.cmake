# impactkiosk-monitor with a missing sub-command and a bad --listen must exit 2 (usage), not 0 or 1.
foreach(args "--db;unused.db" "--db;unused.db;serve;--listen;nonsense")
  execute_process(COMMAND ${PROGRAM} ${args} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "impactkiosk-monitor ${args}: exit ${rc}, expected 2")
  endif()
endforeach()
