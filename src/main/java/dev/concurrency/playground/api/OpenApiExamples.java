package dev.concurrency.playground.api;

/**
 * Example payloads for the OpenAPI document, kept in one place. The responses were captured from a
 * running service (2-core Intel Xeon, Temurin 25) and only shortened, so they show real figures.
 */
final class OpenApiExamples {

    static final String EXPERIMENT_ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";

    static final String STRATEGY_LIST = """
            [
              {
                "id": "unsynchronized",
                "name": "Unsynchronized",
                "family": "none",
                "threadSafe": false,
                "javaApi": "long field, plain read then plain write",
                "summary": "Read, add one, write back, with nothing stopping two threads from interleaving.",
                "description": "Guarantees nothing. Two threads can read the same value, each add one and each write it back, so one increment is lost; a thread stalled between its read and its write erases every increment others made meanwhile. The count can only come out low, never high. In real programs the JIT makes this worse in a different way: it may keep such a field in a register for a whole loop and write it once, so other threads see stale values for a long time and a loop waiting on the field may never end. The playground forces one real load and one real store per increment (opaque VarHandle access) so the race you see is the one in the source. Cheapest on one thread; under contention the cache line ping-pongs between cores, so it is both slow and wrong."
              },
              {
                "id": "volatile",
                "name": "Volatile field",
                "family": "none",
                "threadSafe": false,
                "javaApi": "volatile long field, count++",
                "summary": "count++ on a volatile field: every thread sees the latest value, yet increments still collide.",
                "description": "Not thread-safe. volatile guarantees that every thread sees the latest value written and that the JIT cannot cache or reorder the access, but count++ is still a read followed by a write. Two threads can read the same value and both write back that value plus one, so one increment is lost, just as without volatile. Each write also pays for a memory fence, so it is slightly slower than the unsynchronized counter and exactly as wrong. Use volatile for flags and for publishing references, never for read-modify-write."
              }
            ]""";

    static final String STRATEGY = """
            {
              "id": "atomic",
              "name": "AtomicLong",
              "family": "atomic",
              "threadSafe": true,
              "javaApi": "java.util.concurrent.atomic.AtomicLong.incrementAndGet()",
              "summary": "One hardware read-modify-write per increment: no lock, nothing lost.",
              "description": "Thread-safe without a lock: incrementAndGet is one indivisible hardware read-modify-write, so no increment can be lost and no thread ever waits asleep for another. On x86 it compiles to a single lock xadd instruction, which cannot fail and never retries. It costs a few nanoseconds on one thread; under contention every core needs exclusive ownership of the same cache line, so the line bounces between cores and extra threads add no throughput. Even so it is usually far faster than a lock, because nobody sleeps."
            }""";

    static final String UNKNOWN_STRATEGY = """
            {
              "type": "urn:concurrency-playground:problem:not-found",
              "title": "Not found",
              "status": 404,
              "detail": "There is no strategy 'nope'. Valid ids are unsynchronized, volatile, synchronized, reentrant-lock, fair-lock, read-write-lock, stamped-lock, semaphore, atomic, cas-loop, long-adder, thread-local.",
              "instance": "/api/strategies/nope"
            }""";

    static final String REQUEST_FIXED_TIME = """
            {
              "name": "catch the race",
              "strategies": [
                "unsynchronized",
                "volatile",
                "atomic"
              ],
              "threadCounts": [
                2
              ],
              "durationMillis": 100,
              "trials": 10
            }""";

    static final String REQUEST_SWEEP = """
            {
              "name": "locks vs atomics",
              "strategies": [
                "synchronized",
                "reentrant-lock",
                "atomic",
                "long-adder"
              ],
              "threadCounts": [
                1,
                2,
                4
              ],
              "incrementsPerThread": 1000000,
              "trials": 5,
              "warmupTrials": 1
            }""";

    static final String REQUEST_VIRTUAL = """
            {
              "name": "ten thousand virtual threads",
              "strategies": [
                "synchronized",
                "reentrant-lock",
                "atomic"
              ],
              "threadCounts": [
                10000
              ],
              "threadType": "virtual",
              "incrementsPerThread": 1000,
              "trials": 3
            }""";

    static final String EXPERIMENT_QUEUED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "sweep",
              "status": "QUEUED",
              "submittedAt": "2026-11-24T23:55:05.498Z",
              "spec": {
                "name": "sweep",
                "strategies": [
                  "synchronized",
                  "atomic",
                  "long-adder"
                ],
                "threadCounts": [
                  1,
                  2,
                  4
                ],
                "threadType": "platform",
                "incrementsPerThread": 1000000,
                "trials": 5,
                "warmupTrials": 1
              },
              "progress": {
                "completedRuns": 0,
                "totalRuns": 9
              },
              "runs": []
            }""";

    static final String EXPERIMENT_COMPLETED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "locks vs atomics",
              "status": "COMPLETED",
              "submittedAt": "2026-11-24T23:55:04.814Z",
              "startedAt": "2026-11-24T23:55:04.815Z",
              "finishedAt": "2026-11-24T23:55:05.441Z",
              "spec": {
                "name": "locks vs atomics",
                "strategies": [
                  "unsynchronized",
                  "cas-loop"
                ],
                "threadCounts": [
                  2
                ],
                "threadType": "platform",
                "durationMillis": 100,
                "trials": 2,
                "warmupTrials": 1
              },
              "progress": {
                "completedRuns": 2,
                "totalRuns": 2
              },
              "environment": {
                "javaVersion": "25.0.3",
                "javaVendor": "Eclipse Adoptium",
                "vmName": "OpenJDK 64-Bit Server VM",
                "vmVersion": "25.0.3+9-LTS",
                "availableProcessors": 2,
                "osName": "Linux",
                "osVersion": "6.18.44-fc-v769",
                "osArch": "amd64"
              },
              "runs": [
                {
                  "strategy": "unsynchronized",
                  "threads": 2,
                  "threadType": "platform",
                  "threadSafe": false,
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 726383616,
                      "actualCount": 409205436,
                      "lostUpdates": 317178180,
                      "durationNanos": 100120474,
                      "nsPerOp": 0.2756683157346985,
                      "opsPerSecond": 7255095656.0593195,
                      "overlap": 0.9994410605875601,
                      "minThreadNanos": 100064014,
                      "maxThreadNanos": 100119975
                    },
                    {
                      "trial": 2,
                      "expectedCount": 847490048,
                      "actualCount": 426539484,
                      "lostUpdates": 420950564,
                      "durationNanos": 100108462,
                      "nsPerOp": 0.23624693230615965,
                      "opsPerSecond": 8465718392.517108,
                      "overlap": 0.9993091380515006,
                      "minThreadNanos": 100070344,
                      "maxThreadNanos": 100077051
                    }
                  ],
                  "summary": {
                    "trials": 2,
                    "corruptedTrials": 2,
                    "lostUpdates": {
                      "min": 317178180.0,
                      "mean": 369064372.0,
                      "max": 420950564.0
                    },
                    "lostUpdateRate": {
                      "min": 0.43665381902005895,
                      "mean": 0.4666782411825402,
                      "max": 0.4967026633450214
                    },
                    "nsPerOp": {
                      "min": 0.23624693230615965,
                      "mean": 0.2559576240204291,
                      "max": 0.2756683157346985
                    },
                    "opsPerSecond": {
                      "min": 7255095656.0593195,
                      "mean": 7860407024.288214,
                      "max": 8465718392.517108
                    },
                    "overlap": {
                      "min": 0.9993091380515006,
                      "mean": 0.9993750993195303,
                      "max": 0.9994410605875601
                    }
                  }
                },
                {
                  "strategy": "cas-loop",
                  "threads": 2,
                  "threadType": "platform",
                  "threadSafe": true,
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 2869248,
                      "actualCount": 2869248,
                      "lostUpdates": 0,
                      "durationNanos": 100109335,
                      "nsPerOp": 69.78088683864205,
                      "opsPerSecond": 28661143.33893038,
                      "overlap": 0.9997126835168733,
                      "minThreadNanos": 100082937,
                      "maxThreadNanos": 100106538,
                      "casFailures": 372574
                    },
                    {
                      "trial": 2,
                      "expectedCount": 1403904,
                      "actualCount": 1403904,
                      "lostUpdates": 0,
                      "durationNanos": 100124924,
                      "nsPerOp": 142.6378498814734,
                      "opsPerSecond": 14021523.751668466,
                      "overlap": 0.9994398482235878,
                      "minThreadNanos": 100082522,
                      "maxThreadNanos": 100110691,
                      "casFailures": 282041
                    }
                  ],
                  "summary": {
                    "trials": 2,
                    "corruptedTrials": 0,
                    "lostUpdates": {
                      "min": 0.0,
                      "mean": 0.0,
                      "max": 0.0
                    },
                    "lostUpdateRate": {
                      "min": 0.0,
                      "mean": 0.0,
                      "max": 0.0
                    },
                    "nsPerOp": {
                      "min": 69.78088683864205,
                      "mean": 106.20936836005772,
                      "max": 142.6378498814734
                    },
                    "opsPerSecond": {
                      "min": 14021523.751668466,
                      "mean": 21341333.545299422,
                      "max": 28661143.33893038
                    },
                    "overlap": {
                      "min": 0.9994398482235878,
                      "mean": 0.9995762658702305,
                      "max": 0.9997126835168733
                    }
                  }
                }
              ]
            }""";

    static final String EXPERIMENT_LIST = """
            [
              {
                "id": "9b2e4d71-0c3a-4f5e-8a16-7d9c2b4e6f80",
                "name": "sweep",
                "status": "QUEUED",
                "submittedAt": "2026-11-24T23:55:05.498Z",
                "progress": {
                  "completedRuns": 0,
                  "totalRuns": 9
                }
              },
              {
                "id": "5d8a1f3c-2b7e-4c90-a6d4-1e3f5a7c9b02",
                "name": "race",
                "status": "RUNNING",
                "submittedAt": "2026-11-24T23:55:05.478Z",
                "startedAt": "2026-11-24T23:55:05.480Z",
                "progress": {
                  "completedRuns": 0,
                  "totalRuns": 1
                }
              },
              {
                "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
                "name": "locks vs atomics",
                "status": "COMPLETED",
                "submittedAt": "2026-11-24T23:55:04.814Z",
                "startedAt": "2026-11-24T23:55:04.815Z",
                "finishedAt": "2026-11-24T23:55:05.441Z",
                "progress": {
                  "completedRuns": 2,
                  "totalRuns": 2
                }
              }
            ]""";

    static final String INVALID_REQUEST = """
            {
              "type": "urn:concurrency-playground:problem:invalid-request",
              "title": "Invalid request",
              "status": 400,
              "detail": "The request has 3 problems (durationMillis, strategies[1], threadCounts[0]); see violations.",
              "instance": "/api/experiments",
              "violations": [
                {
                  "field": "durationMillis",
                  "message": "cannot be combined with incrementsPerThread: give incrementsPerThread for fixed-work mode or durationMillis for fixed-time mode, not both"
                },
                {
                  "field": "strategies[1]",
                  "message": "is not a known strategy: 'nope'; valid ids are unsynchronized, volatile, synchronized, reentrant-lock, fair-lock, read-write-lock, stamped-lock, semaphore, atomic, cas-loop, long-adder, thread-local"
                },
                {
                  "field": "threadCounts[0]",
                  "message": "must be at most 256 for platform threads; use \\"threadType\\": \\"virtual\\" for up to 100000"
                }
              ]
            }""";

    static final String MALFORMED_BODY = """
            {
              "type": "urn:concurrency-playground:problem:malformed-body",
              "title": "Malformed request body",
              "status": 400,
              "detail": "The request body is not valid JSON at line 1, column 24: Unexpected end-of-input: expected close marker for Array. Send a JSON object such as {\\"strategies\\": [\\"atomic\\"], \\"threadCounts\\": [2]}.",
              "instance": "/api/experiments"
            }""";

    static final String UNSUPPORTED_MEDIA_TYPE = """
            {
              "type": "about:blank",
              "title": "Unsupported Media Type",
              "status": 415,
              "detail": "The request body must be JSON: send it with Content-Type: application/json instead of text/plain.",
              "instance": "/api/experiments"
            }""";

    static final String UNKNOWN_EXPERIMENT = """
            {
              "type": "urn:concurrency-playground:problem:not-found",
              "title": "Not found",
              "status": 404,
              "detail": "There is no experiment '3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13'. It may never have existed, or it was evicted after the service kept its newest finished experiments; GET /api/experiments lists those it has.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13"
            }""";

    static final String INVALID_LIMIT = """
            {
              "type": "urn:concurrency-playground:problem:invalid-request",
              "title": "Invalid request",
              "status": 400,
              "detail": "The limit parameter must be a whole number from 1 to 100.",
              "instance": "/api/experiments",
              "violations": [
                {
                  "field": "limit",
                  "message": "must be a whole number from 1 to 100"
                }
              ]
            }""";

    private OpenApiExamples() {
    }
}
