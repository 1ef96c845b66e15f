package dev.concurrency.playground.api;

import dev.concurrency.playground.api.format.ExperimentCsv;
import dev.concurrency.playground.api.format.ExperimentListCsv;
import dev.concurrency.playground.api.format.ExperimentRunsCsv;
import dev.concurrency.playground.api.format.ExperimentTable;

/**
 * Example payloads for the OpenAPI document, kept in one place. The responses were captured from a
 * running service (2-core Intel Xeon, Temurin 25) and only shortened (ids made stable, JVM arguments
 * and some trials left out), so they show real figures.
 */
public final class OpenApiExamples {

    public static final String EXPERIMENT_ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";

    public static final String STRATEGY_LIST = """
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

    public static final String STRATEGY = """
            {
              "id": "atomic",
              "name": "AtomicLong",
              "family": "atomic",
              "threadSafe": true,
              "javaApi": "java.util.concurrent.atomic.AtomicLong.incrementAndGet()",
              "summary": "One hardware read-modify-write per increment: no lock, nothing lost.",
              "description": "Thread-safe without a lock: incrementAndGet is one indivisible hardware read-modify-write, so no increment can be lost and no thread ever waits asleep for another. On x86 it compiles to a single lock xadd instruction, which cannot fail and never retries. It costs a few nanoseconds on one thread; under contention every core needs exclusive ownership of the same cache line, so the line bounces between cores and extra threads add no throughput. Even so it is usually far faster than a lock, because nobody sleeps."
            }""";

    public static final String UNKNOWN_STRATEGY = """
            {
              "type": "urn:concurrency-playground:problem:not-found",
              "title": "Not found",
              "status": 404,
              "detail": "There is no strategy 'nope'. Valid ids are unsynchronized, volatile, synchronized, reentrant-lock, fair-lock, read-write-lock, stamped-lock, semaphore, atomic, cas-loop, long-adder, thread-local.",
              "instance": "/api/strategies/nope"
            }""";

    public static final String REQUEST_FIXED_TIME = """
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

    public static final String REQUEST_SWEEP = """
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

    public static final String REQUEST_VIRTUAL = """
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

    public static final String EXPERIMENT_QUEUED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "locks vs atomics",
              "status": "QUEUED",
              "submittedAt": "2026-11-25T00:20:10.789Z",
              "spec": {
                "name": "locks vs atomics",
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

    public static final String EXPERIMENT_COMPLETED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "catch the race",
              "status": "COMPLETED",
              "submittedAt": "2026-11-25T01:17:16.640Z",
              "startedAt": "2026-11-25T01:17:16.641Z",
              "finishedAt": "2026-11-25T01:17:17.537Z",
              "spec": {
                "name": "catch the race",
                "strategies": [
                  "unsynchronized",
                  "cas-loop"
                ],
                "threadCounts": [
                  2
                ],
                "threadType": "platform",
                "durationMillis": 100,
                "trials": 3,
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
                "vmVendor": "Eclipse Adoptium",
                "vmVersion": "25.0.3+9-LTS",
                "jvmArguments": [],
                "garbageCollectors": [
                  "G1 Young Generation",
                  "G1 Concurrent GC",
                  "G1 Old Generation"
                ],
                "availableProcessors": 2,
                "cpuModel": "Intel(R) Xeon(R) Processor",
                "osName": "Linux",
                "osVersion": "6.18.44-fc-v769",
                "osArch": "amd64",
                "playgroundVersion": "0.1.0-SNAPSHOT",
                "quarkusVersion": "3.33.2"
              },
              "runs": [
                {
                  "strategy": "unsynchronized",
                  "threads": 2,
                  "threadType": "platform",
                  "threadSafe": false,
                  "oversubscribed": false,
                  "verdict": "CORRUPTED",
                  "verdictReason": "3 of 3 trials lost updates (up to 49.1% of all increments): concurrent read-modify-writes overwrote each other.",
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 689565696,
                      "actualCount": 410087876,
                      "lostUpdates": 279477820,
                      "durationNanos": 100113011,
                      "nsPerOp": 0.2903654041398254,
                      "opsPerSecond": 6887872905.950256,
                      "overlap": 0.9605554388389885,
                      "minThreadNanos": 96171695,
                      "maxThreadNanos": 100051992,
                      "parallelism": 1.8387303624301141
                    },
                    {
                      "trial": 2,
                      "expectedCount": 924784640,
                      "actualCount": 471038973,
                      "lostUpdates": 453745667,
                      "durationNanos": 100114627,
                      "nsPerOp": 0.21651446762783602,
                      "opsPerSecond": 9237258008.262869,
                      "overlap": 0.9994789777956594,
                      "minThreadNanos": 99999427,
                      "maxThreadNanos": 100024377,
                      "parallelism": 1.9892414821662374
                    },
                    {
                      "trial": 3,
                      "expectedCount": 963316736,
                      "actualCount": 490546135,
                      "lostUpdates": 472770601,
                      "durationNanos": 100124837,
                      "nsPerOp": 0.20787521540578738,
                      "opsPerSecond": 9621156596.739328,
                      "overlap": 0.9994480307292958,
                      "minThreadNanos": 100064441,
                      "maxThreadNanos": 100119704,
                      "parallelism": 1.9942958309135623
                    }
                  ],
                  "summary": {
                    "measuredTrials": 3,
                    "corruptedTrials": 3,
                    "lostUpdates": {
                      "min": 279477820.0,
                      "mean": 401998029.3333333,
                      "max": 472770601.0
                    },
                    "lostUpdateRate": {
                      "min": 0.40529542235233235,
                      "mean": 0.4622397659499294,
                      "max": 0.4907737853315983
                    },
                    "nsPerOp": {
                      "n": 3,
                      "mean": 0.23825169572448293,
                      "stddev": 0.04533804278239795,
                      "min": 0.20787521540578738,
                      "p50": 0.21651446762783602,
                      "p90": 0.2903654041398254,
                      "max": 0.2903654041398254,
                      "error": 0.8271346787344154,
                      "confidence": [
                        -0.5888829830099325,
                        1.0653863744588983
                      ]
                    },
                    "opsPerSecond": {
                      "n": 3,
                      "mean": 8582095836.984151,
                      "stddev": 1479742557.5380893,
                      "min": 6887872905.950256,
                      "p50": 9237258008.262869,
                      "p90": 9621156596.739328,
                      "max": 9621156596.739328,
                      "error": 26996012836.577385,
                      "confidence": [
                        -18413916999.593235,
                        35578108673.56154
                      ]
                    },
                    "overlap": {
                      "min": 0.9605554388389885,
                      "mean": 0.9864941491213145,
                      "max": 0.9994789777956594
                    },
                    "parallelism": {
                      "min": 1.8387303624301141,
                      "mean": 1.9407558918366379,
                      "max": 1.9942958309135623
                    }
                  }
                },
                {
                  "strategy": "cas-loop",
                  "threads": 2,
                  "threadType": "platform",
                  "threadSafe": true,
                  "oversubscribed": false,
                  "verdict": "NO_CORRUPTION_OBSERVED",
                  "verdictReason": "No trial lost an update while all 2 threads ran at once for 98.7% of each trial on average.",
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 2365440,
                      "actualCount": 2365440,
                      "lostUpdates": 0,
                      "durationNanos": 100173318,
                      "nsPerOp": 84.69740767045455,
                      "opsPerSecond": 23613473.599826254,
                      "overlap": 0.9990341681606815,
                      "minThreadNanos": 100089223,
                      "maxThreadNanos": 100151183,
                      "parallelism": 1.9080998794509332,
                      "casFailures": 321710
                    },
                    {
                      "trial": 2,
                      "expectedCount": 3523584,
                      "actualCount": 3523584,
                      "lostUpdates": 0,
                      "durationNanos": 100120681,
                      "nsPerOp": 56.82888842723772,
                      "opsPerSecond": 35193368.291212484,
                      "overlap": 0.9623614551467284,
                      "minThreadNanos": 96317497,
                      "maxThreadNanos": 100025087,
                      "parallelism": 1.8744504744229615,
                      "casFailures": 383192
                    },
                    {
                      "trial": 3,
                      "expectedCount": 1446912,
                      "actualCount": 1446912,
                      "lostUpdates": 0,
                      "durationNanos": 100132951,
                      "nsPerOp": 138.40917899637296,
                      "opsPerSecond": 14449908.70188176,
                      "overlap": 0.9993605988490839,
                      "minThreadNanos": 100064043,
                      "maxThreadNanos": 100128065,
                      "parallelism": 1.987913678884786,
                      "casFailures": 305052
                    }
                  ],
                  "summary": {
                    "measuredTrials": 3,
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
                      "n": 3,
                      "mean": 93.31182503135508,
                      "stddev": 41.466758882109076,
                      "min": 56.82888842723772,
                      "p50": 84.69740767045455,
                      "p90": 138.40917899637296,
                      "max": 138.40917899637296,
                      "error": 756.5080488967833,
                      "confidence": [
                        -663.1962238654282,
                        849.8198739281383
                      ]
                    },
                    "opsPerSecond": {
                      "n": 3,
                      "mean": 24418916.864306834,
                      "stddev": 10395159.117241643,
                      "min": 14449908.70188176,
                      "p50": 23613473.599826254,
                      "p90": 35193368.291212484,
                      "max": 35193368.291212484,
                      "error": 189646400.00231683,
                      "confidence": [
                        -165227483.13801,
                        214065316.86662367
                      ]
                    },
                    "overlap": {
                      "min": 0.9623614551467284,
                      "mean": 0.9869187407188313,
                      "max": 0.9993605988490839
                    },
                    "parallelism": {
                      "min": 1.8744504744229615,
                      "mean": 1.9234880109195602,
                      "max": 1.987913678884786
                    }
                  }
                }
              ]
            }""";

    public static final String EXPERIMENT_LIST = """
            [
              {
                "id": "9b2e4d71-0c3a-4f5e-8a16-7d9c2b4e6f80",
                "name": "locks vs atomics",
                "status": "QUEUED",
                "submittedAt": "2026-11-25T00:20:10.789Z",
                "progress": {
                  "completedRuns": 0,
                  "totalRuns": 9
                }
              },
              {
                "id": "5d8a1f3c-2b7e-4c90-a6d4-1e3f5a7c9b02",
                "name": "long",
                "status": "RUNNING",
                "submittedAt": "2026-11-25T00:20:10.766Z",
                "startedAt": "2026-11-25T00:20:10.766Z",
                "progress": {
                  "completedRuns": 0,
                  "totalRuns": 1
                }
              },
              {
                "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
                "name": "catch the race",
                "status": "COMPLETED",
                "submittedAt": "2026-11-25T00:20:09.801Z",
                "startedAt": "2026-11-25T00:20:09.804Z",
                "finishedAt": "2026-11-25T00:20:10.708Z",
                "progress": {
                  "completedRuns": 2,
                  "totalRuns": 2
                }
              }
            ]""";

    /** {@link #EXPERIMENT_LIST} as {@link ExperimentListCsv} writes it. */
    public static final String EXPERIMENT_LIST_CSV = """
            id,name,status,submittedAt,startedAt,finishedAt,completedRuns,totalRuns,statusReason\r
            9b2e4d71-0c3a-4f5e-8a16-7d9c2b4e6f80,locks vs atomics,QUEUED,2026-11-25T00:20:10.789Z,,,0,9,\r
            5d8a1f3c-2b7e-4c90-a6d4-1e3f5a7c9b02,long,RUNNING,2026-11-25T00:20:10.766Z,2026-11-25T00:20:10.766Z,,0,1,\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,COMPLETED,2026-11-25T00:20:09.801Z,2026-11-25T00:20:09.804Z,2026-11-25T00:20:10.708Z,2,2,\r
            """;

    public static final String INVALID_REQUEST = """
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

    public static final String MALFORMED_BODY = """
            {
              "type": "urn:concurrency-playground:problem:malformed-body",
              "title": "Malformed request body",
              "status": 400,
              "detail": "The request body is not valid JSON at line 1, column 24: Unexpected end-of-input: expected close marker for Array. Send a JSON object such as {\\"strategies\\": [\\"atomic\\"], \\"threadCounts\\": [2]}.",
              "instance": "/api/experiments"
            }""";

    public static final String UNSUPPORTED_MEDIA_TYPE = """
            {
              "type": "about:blank",
              "title": "Unsupported Media Type",
              "status": 415,
              "detail": "The request body must be JSON: send it with Content-Type: application/json instead of text/plain.",
              "instance": "/api/experiments"
            }""";

    public static final String UNKNOWN_EXPERIMENT = """
            {
              "type": "urn:concurrency-playground:problem:not-found",
              "title": "Not found",
              "status": 404,
              "detail": "There is no experiment '3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13'. It may never have existed, or it was evicted after the service kept its newest finished experiments; GET /api/experiments lists those it has.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13"
            }""";

    public static final String INVALID_LIMIT = """
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

    public static final String JMH_EXPORT = """
            [
              {
                "jmhVersion": "1.37",
                "benchmark": "dev.concurrency.playground.cas-loop",
                "mode": "avgt",
                "threads": 2,
                "forks": 1,
                "jvm": "OpenJDK 64-Bit Server VM",
                "jvmArgs": [],
                "jdkVersion": "25.0.3",
                "vmName": "OpenJDK 64-Bit Server VM",
                "vmVersion": "25.0.3+9-LTS",
                "warmupIterations": 1,
                "warmupTime": "1000000 increments per thread",
                "warmupBatchSize": 1,
                "measurementIterations": 3,
                "measurementTime": "1000000 increments per thread",
                "measurementBatchSize": 1,
                "params": {
                  "threadType": "platform",
                  "incrementsPerThread": "1000000"
                },
                "primaryMetric": {
                  "score": 22.118040666666666,
                  "scoreError": 203.7727876789791,
                  "scoreConfidence": [
                    -181.65474701231244,
                    225.8908283456458
                  ],
                  "scorePercentiles": {
                    "0.0": 15.50539,
                    "50.0": 15.834695,
                    "90.0": 35.014037,
                    "95.0": 35.014037,
                    "99.0": 35.014037,
                    "99.9": 35.014037,
                    "99.99": 35.014037,
                    "99.999": 35.014037,
                    "99.9999": 35.014037,
                    "100.0": 35.014037
                  },
                  "scoreUnit": "ns/op",
                  "rawData": [
                    [
                      15.50539,
                      15.834695,
                      35.014037
                    ]
                  ]
                },
                "secondaryMetrics": {
                  "lostUpdates": {
                    "score": 0.0,
                    "scoreError": 0.0,
                    "scoreConfidence": [
                      0.0,
                      0.0
                    ],
                    "scorePercentiles": {
                      "0.0": 0.0,
                      "50.0": 0.0,
                      "90.0": 0.0,
                      "95.0": 0.0,
                      "99.0": 0.0,
                      "99.9": 0.0,
                      "99.99": 0.0,
                      "99.999": 0.0,
                      "99.9999": 0.0,
                      "100.0": 0.0
                    },
                    "scoreUnit": "updates",
                    "rawData": [
                      [
                        0.0,
                        0.0,
                        0.0
                      ]
                    ]
                  },
                  "lostUpdateRate": {
                    "score": 0.0,
                    "scoreError": 0.0,
                    "scoreConfidence": [
                      0.0,
                      0.0
                    ],
                    "scorePercentiles": {
                      "0.0": 0.0,
                      "50.0": 0.0,
                      "90.0": 0.0,
                      "95.0": 0.0,
                      "99.0": 0.0,
                      "99.9": 0.0,
                      "99.99": 0.0,
                      "99.999": 0.0,
                      "99.9999": 0.0,
                      "100.0": 0.0
                    },
                    "scoreUnit": "fraction",
                    "rawData": [
                      [
                        0.0,
                        0.0,
                        0.0
                      ]
                    ]
                  },
                  "casFailures": {
                    "score": 13413.666666666668,
                    "scoreError": 423811.7865865362,
                    "scoreConfidence": [
                      -410398.1199198695,
                      437225.4532532029
                    ],
                    "scorePercentiles": {
                      "0.0": 1.0,
                      "50.0": 2.0,
                      "90.0": 40238.0,
                      "95.0": 40238.0,
                      "99.0": 40238.0,
                      "99.9": 40238.0,
                      "99.99": 40238.0,
                      "99.999": 40238.0,
                      "99.9999": 40238.0,
                      "100.0": 40238.0
                    },
                    "scoreUnit": "failures",
                    "rawData": [
                      [
                        1.0,
                        2.0,
                        40238.0
                      ]
                    ]
                  }
                }
              }
            ]""";

    public static final String JMH_UNKNOWN_EXPERIMENT = """
            {
              "type": "urn:concurrency-playground:problem:not-found",
              "title": "Not found",
              "status": 404,
              "detail": "There is no experiment '3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13'. It may never have existed, or it was evicted after the service kept its newest finished experiments; GET /api/experiments lists those it has.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13/jmh"
            }""";

    public static final String LIMITS = """
            {
              "maxPlatformThreads": 256,
              "maxVirtualThreads": 100000,
              "maxIncrementsPerThread": 1000000000,
              "maxDurationMillis": 60000,
              "maxTotalIncrements": 10000000000,
              "maxRuns": 192,
              "maxTrials": 100,
              "maxWarmupTrials": 20,
              "maxExperimentWallTimeSeconds": 600,
              "experimentTimeoutSeconds": 600,
              "queueCapacity": 32,
              "runnerConcurrency": 1,
              "maxWaitSeconds": 300,
              "maxBodyBytes": 65536
            }""";

    public static final String EVENT_STREAM = """
            event:state
            data:{"id":"3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13","name":"followed","status":"COMPLETED","submittedAt":"2026-11-25T01:17:19.651Z","startedAt":"2026-11-25T01:17:19.653Z","finishedAt":"2026-11-25T01:17:19.759Z","spec":{"name":"followed","strategies":["atomic"],"threadCounts":[2],"threadType":"platform","durationMillis":50,"trials":2,"warmupTrials":0},"progress":{"completedRuns":1,"totalRuns":1},"environment":{"javaVersion":"25.0.3","javaVendor":"Eclipse Adoptium","vmName":"OpenJDK 64-Bit Server VM","vmVendor":"Eclipse Adoptium","vmVersion":"25.0.3+9-LTS","jvmArguments":[],"garbageCollectors":["G1 Young Generation","G1 Concurrent GC","G1 Old Generation"],"availableProcessors":2,"cpuModel":"Intel(R) Xeon(R) Processor","osName":"Linux","osVersion":"6.18.44-fc-v769","osArch":"amd64","playgroundVersion":"0.1.0-SNAPSHOT","quarkusVersion":"3.33.2"},"runs":[{"strategy":"atomic","threads":2,"threadType":"platform","threadSafe":true,"oversubscribed":false,"verdict":"NO_CORRUPTION_OBSERVED","verdictReason":"No trial lost an update while all 2 threads ran at once for 97.9% of each trial on average, though they kept only 1.4 cores busy: they took turns on fewer cores or waited asleep for each other.","trials":[{"trial":1,"expectedCount":5261312,"actualCount":5261312,"lostUpdates":0,"durationNanos":50446141,"nsPerOp":19.17625907758369,"opsPerSecond":104295628.876746,"overlap":0.958402102140495,"minThreadNanos":48336711,"maxThreadNanos":50434688,"parallelism":1.3040828236990418},{"trial":2,"expectedCount":4521984,"actualCount":4521984,"lostUpdates":0,"durationNanos":50135253,"nsPerOp":22.174007249915082,"opsPerSecond":90195695.23265396,"overlap":0.9989626686376575,"minThreadNanos":50097556,"maxThreadNanos":50115412,"parallelism":1.583520482084732}],"summary":{"measuredTrials":2,"corruptedTrials":0,"lostUpdates":{"min":0.0,"mean":0.0,"max":0.0},"lostUpdateRate":{"min":0.0,"mean":0.0,"max":0.0},"nsPerOp":{"n":2,"mean":20.675133163749386,"stddev":2.1197280609451057,"min":19.17625907758369,"p50":20.675133163749386,"p90":22.174007249915082,"max":22.174007249915082,"error":954.2120947337576,"confidence":[-933.5369615700082,974.8872278975069]},"opsPerSecond":{"n":2,"mean":97245662.05469999,"stddev":9970158.694017828,"min":90195695.23265396,"p50":97245662.05469999,"p90":104295628.876746,"max":104295628.876746,"error":4488144582.095576,"confidence":[-4390898920.040876,4585390244.150276]},"overlap":{"min":0.958402102140495,"mean":0.9786823853890763,"max":0.9989626686376575},"parallelism":{"min":1.3040828236990418,"mean":1.4438016528918869,"max":1.583520482084732}}}]}

            event:end
            data:{"id":"3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13","name":"followed","status":"COMPLETED","submittedAt":"2026-11-25T01:17:19.651Z","startedAt":"2026-11-25T01:17:19.653Z","finishedAt":"2026-11-25T01:17:19.759Z","spec":{"name":"followed","strategies":["atomic"],"threadCounts":[2],"threadType":"platform","durationMillis":50,"trials":2,"warmupTrials":0},"progress":{"completedRuns":1,"totalRuns":1},"environment":{"javaVersion":"25.0.3","javaVendor":"Eclipse Adoptium","vmName":"OpenJDK 64-Bit Server VM","vmVendor":"Eclipse Adoptium","vmVersion":"25.0.3+9-LTS","jvmArguments":[],"garbageCollectors":["G1 Young Generation","G1 Concurrent GC","G1 Old Generation"],"availableProcessors":2,"cpuModel":"Intel(R) Xeon(R) Processor","osName":"Linux","osVersion":"6.18.44-fc-v769","osArch":"amd64","playgroundVersion":"0.1.0-SNAPSHOT","quarkusVersion":"3.33.2"},"runs":[{"strategy":"atomic","threads":2,"threadType":"platform","threadSafe":true,"oversubscribed":false,"verdict":"NO_CORRUPTION_OBSERVED","verdictReason":"No trial lost an update while all 2 threads ran at once for 97.9% of each trial on average, though they kept only 1.4 cores busy: they took turns on fewer cores or waited asleep for each other.","trials":[{"trial":1,"expectedCount":5261312,"actualCount":5261312,"lostUpdates":0,"durationNanos":50446141,"nsPerOp":19.17625907758369,"opsPerSecond":104295628.876746,"overlap":0.958402102140495,"minThreadNanos":48336711,"maxThreadNanos":50434688,"parallelism":1.3040828236990418},{"trial":2,"expectedCount":4521984,"actualCount":4521984,"lostUpdates":0,"durationNanos":50135253,"nsPerOp":22.174007249915082,"opsPerSecond":90195695.23265396,"overlap":0.9989626686376575,"minThreadNanos":50097556,"maxThreadNanos":50115412,"parallelism":1.583520482084732}],"summary":{"measuredTrials":2,"corruptedTrials":0,"lostUpdates":{"min":0.0,"mean":0.0,"max":0.0},"lostUpdateRate":{"min":0.0,"mean":0.0,"max":0.0},"nsPerOp":{"n":2,"mean":20.675133163749386,"stddev":2.1197280609451057,"min":19.17625907758369,"p50":20.675133163749386,"p90":22.174007249915082,"max":22.174007249915082,"error":954.2120947337576,"confidence":[-933.5369615700082,974.8872278975069]},"opsPerSecond":{"n":2,"mean":97245662.05469999,"stddev":9970158.694017828,"min":90195695.23265396,"p50":97245662.05469999,"p90":104295628.876746,"max":104295628.876746,"error":4488144582.095576,"confidence":[-4390898920.040876,4585390244.150276]},"overlap":{"min":0.958402102140495,"mean":0.9786823853890763,"max":0.9989626686376575},"parallelism":{"min":1.3040828236990418,"mean":1.4438016528918869,"max":1.583520482084732}}}]}""";
    public static final String BODY_TOO_LARGE = """
            {
              "type": "urn:concurrency-playground:problem:body-too-large",
              "title": "Request body too large",
              "status": 413,
              "detail": "The request body has 70012 bytes, more than the 65536 this service accepts; an experiment request is a small JSON object (see GET /api/limits).",
              "instance": "/api/experiments"
            }""";
    public static final String QUEUE_FULL = """
            {
              "type": "urn:concurrency-playground:problem:queue-full",
              "title": "Queue full",
              "status": 429,
              "detail": "The queue is full (32 experiments waiting, the configured capacity); retry in about 41 s, or submit smaller experiments.",
              "instance": "/api/experiments"
            }""";
    public static final String SHUTTING_DOWN = """
            {
              "type": "urn:concurrency-playground:problem:shutting-down",
              "title": "Shutting down",
              "status": 503,
              "detail": "The service is shutting down and accepts no new experiments; submit again once it is back.",
              "instance": "/api/experiments"
            }""";
    public static final String EXPERIMENT_CANCELLED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "long",
              "status": "CANCELLED",
              "submittedAt": "2026-11-25T01:17:17.635Z",
              "startedAt": "2026-11-25T01:17:17.635Z",
              "finishedAt": "2026-11-25T01:17:19.634Z",
              "spec": {
                "name": "long",
                "strategies": [
                  "fair-lock"
                ],
                "threadCounts": [
                  2
                ],
                "threadType": "platform",
                "durationMillis": 500,
                "trials": 20,
                "warmupTrials": 0
              },
              "progress": {
                "completedRuns": 1,
                "totalRuns": 1
              },
              "environment": {
                "javaVersion": "25.0.3",
                "javaVendor": "Eclipse Adoptium",
                "vmName": "OpenJDK 64-Bit Server VM",
                "vmVendor": "Eclipse Adoptium",
                "vmVersion": "25.0.3+9-LTS",
                "jvmArguments": [],
                "garbageCollectors": [
                  "G1 Young Generation",
                  "G1 Concurrent GC",
                  "G1 Old Generation"
                ],
                "availableProcessors": 2,
                "cpuModel": "Intel(R) Xeon(R) Processor",
                "osName": "Linux",
                "osVersion": "6.18.44-fc-v769",
                "osArch": "amd64",
                "playgroundVersion": "0.1.0-SNAPSHOT",
                "quarkusVersion": "3.33.2"
              },
              "runs": [
                {
                  "strategy": "fair-lock",
                  "threads": 2,
                  "threadType": "platform",
                  "threadSafe": true,
                  "oversubscribed": false,
                  "verdict": "NO_CORRUPTION_OBSERVED",
                  "verdictReason": "No trial lost an update while all 2 threads ran at once for 100.0% of each trial on average, though they kept only 0.7 cores busy: they took turns on fewer cores or waited asleep for each other.",
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 8058304,
                      "actualCount": 8058304,
                      "lostUpdates": 0,
                      "durationNanos": 500371356,
                      "nsPerOp": 124.18775861521233,
                      "opsPerSecond": 16104646.885502376,
                      "overlap": 0.9999827721988681,
                      "minThreadNanos": 500345426,
                      "maxThreadNanos": 500354046,
                      "parallelism": 0.7262016253384417
                    },
                    {
                      "trial": 2,
                      "expectedCount": 1061952,
                      "actualCount": 1061952,
                      "lostUpdates": 0,
                      "durationNanos": 500900409,
                      "nsPerOp": 943.3579088320377,
                      "opsPerSecond": 2120086.1107701752,
                      "overlap": 0.9999869851170091,
                      "minThreadNanos": 500881580,
                      "maxThreadNanos": 500888099,
                      "parallelism": 0.7141037031974155
                    },
                    {
                      "trial": 3,
                      "expectedCount": 240768,
                      "actualCount": 240768,
                      "lostUpdates": 0,
                      "durationNanos": 500611009,
                      "nsPerOp": 4158.451363968634,
                      "opsPerSecond": 480948.2725538703,
                      "overlap": 0.9997652762751262,
                      "minThreadNanos": 500443860,
                      "maxThreadNanos": 500556025,
                      "parallelism": 0.7170550598099212
                    }
                  ],
                  "summary": {
                    "measuredTrials": 3,
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
                      "n": 3,
                      "mean": 1741.9990104719614,
                      "stddev": 2132.4144569692053,
                      "min": 124.18775861521233,
                      "p50": 943.3579088320377,
                      "p90": 4158.451363968634,
                      "max": 4158.451363968634,
                      "error": 38903.17796159084,
                      "confidence": [
                        -37161.178951118876,
                        40645.1769720628
                      ]
                    },
                    "opsPerSecond": {
                      "n": 3,
                      "mean": 6235227.089608807,
                      "stddev": 8586371.67515185,
                      "min": 480948.2725538703,
                      "p50": 2120086.1107701752,
                      "p90": 16104646.885502376,
                      "max": 16104646.885502376,
                      "error": 156647383.5473622,
                      "confidence": [
                        -150412156.4577534,
                        162882610.63697103
                      ]
                    },
                    "overlap": {
                      "min": 0.9997652762751262,
                      "mean": 0.9999116778636679,
                      "max": 0.9999869851170091
                    },
                    "parallelism": {
                      "min": 0.7141037031974155,
                      "mean": 0.7191201294485928,
                      "max": 0.7262016253384417
                    }
                  }
                }
              ],
              "statusReason": "cancelled by request"
            }""";

    /** The runs of {@link #EXPERIMENT_COMPLETED}, without their trials. */
    public static final String EXPERIMENT_RUNS = """
            [
              {
                "strategy": "unsynchronized",
                "threads": 2,
                "threadType": "platform",
                "threadSafe": false,
                "oversubscribed": false,
                "verdict": "CORRUPTED",
                "verdictReason": "3 of 3 trials lost updates (up to 49.1% of all increments): concurrent read-modify-writes overwrote each other.",
                "summary": {
                  "measuredTrials": 3,
                  "corruptedTrials": 3,
                  "lostUpdates": {
                    "min": 279477820.0,
                    "mean": 401998029.3333333,
                    "max": 472770601.0
                  },
                  "lostUpdateRate": {
                    "min": 0.40529542235233235,
                    "mean": 0.4622397659499294,
                    "max": 0.4907737853315983
                  },
                  "nsPerOp": {
                    "n": 3,
                    "mean": 0.23825169572448293,
                    "stddev": 0.04533804278239795,
                    "min": 0.20787521540578738,
                    "p50": 0.21651446762783602,
                    "p90": 0.2903654041398254,
                    "max": 0.2903654041398254,
                    "error": 0.8271346787344154,
                    "confidence": [
                      -0.5888829830099325,
                      1.0653863744588983
                    ]
                  },
                  "opsPerSecond": {
                    "n": 3,
                    "mean": 8582095836.984151,
                    "stddev": 1479742557.5380893,
                    "min": 6887872905.950256,
                    "p50": 9237258008.262869,
                    "p90": 9621156596.739328,
                    "max": 9621156596.739328,
                    "error": 26996012836.577385,
                    "confidence": [
                      -18413916999.593235,
                      35578108673.56154
                    ]
                  },
                  "overlap": {
                    "min": 0.9605554388389885,
                    "mean": 0.9864941491213145,
                    "max": 0.9994789777956594
                  },
                  "parallelism": {
                    "min": 1.8387303624301141,
                    "mean": 1.9407558918366379,
                    "max": 1.9942958309135623
                  }
                }
              },
              {
                "strategy": "cas-loop",
                "threads": 2,
                "threadType": "platform",
                "threadSafe": true,
                "oversubscribed": false,
                "verdict": "NO_CORRUPTION_OBSERVED",
                "verdictReason": "No trial lost an update while all 2 threads ran at once for 98.7% of each trial on average.",
                "summary": {
                  "measuredTrials": 3,
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
                    "n": 3,
                    "mean": 93.31182503135508,
                    "stddev": 41.466758882109076,
                    "min": 56.82888842723772,
                    "p50": 84.69740767045455,
                    "p90": 138.40917899637296,
                    "max": 138.40917899637296,
                    "error": 756.5080488967833,
                    "confidence": [
                      -663.1962238654282,
                      849.8198739281383
                    ]
                  },
                  "opsPerSecond": {
                    "n": 3,
                    "mean": 24418916.864306834,
                    "stddev": 10395159.117241643,
                    "min": 14449908.70188176,
                    "p50": 23613473.599826254,
                    "p90": 35193368.291212484,
                    "max": 35193368.291212484,
                    "error": 189646400.00231683,
                    "confidence": [
                      -165227483.13801,
                      214065316.86662367
                    ]
                  },
                  "overlap": {
                    "min": 0.9623614551467284,
                    "mean": 0.9869187407188313,
                    "max": 0.9993605988490839
                  },
                  "parallelism": {
                    "min": 1.8744504744229615,
                    "mean": 1.9234880109195602,
                    "max": 1.987913678884786
                  }
                }
              }
            ]""";

    public static final String LIST_NOT_ACCEPTABLE = """
            {
              "type": "about:blank",
              "title": "Not Acceptable",
              "status": 406,
              "detail": "This resource cannot produce any of the media types the Accept header asks for (application/xml); ask for application/json or text/csv.",
              "instance": "/api/experiments"
            }""";

    public static final String RUNS_NOT_ACCEPTABLE = """
            {
              "type": "about:blank",
              "title": "Not Acceptable",
              "status": 406,
              "detail": "This resource cannot produce any of the media types the Accept header asks for (application/xml); ask for application/json or text/csv.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13/runs"
            }""";

    /** {@link #EXPERIMENT_COMPLETED} as {@link ExperimentCsv} writes it; each line ends in CRLF. */
    public static final String EXPERIMENT_CSV = """
            experimentId,experimentName,strategy,threads,threadType,trial,expectedCount,actualCount,lostUpdates,durationNanos,nsPerOp,opsPerSecond,overlap,minThreadNanos,maxThreadNanos,parallelism,casFailures\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,unsynchronized,2,platform,1,689565696,410087876,279477820,100113011,0.2903654041398254,6887872905.950256,0.9605554388389885,96171695,100051992,1.8387303624301141,\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,unsynchronized,2,platform,2,924784640,471038973,453745667,100114627,0.21651446762783602,9237258008.262869,0.9994789777956594,99999427,100024377,1.9892414821662374,\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,unsynchronized,2,platform,3,963316736,490546135,472770601,100124837,0.20787521540578738,9621156596.739328,0.9994480307292958,100064441,100119704,1.9942958309135623,\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,cas-loop,2,platform,1,2365440,2365440,0,100173318,84.69740767045455,23613473.599826254,0.9990341681606815,100089223,100151183,1.9080998794509332,321710\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,cas-loop,2,platform,2,3523584,3523584,0,100120681,56.82888842723772,35193368.291212484,0.9623614551467284,96317497,100025087,1.8744504744229615,383192\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,cas-loop,2,platform,3,1446912,1446912,0,100132951,138.40917899637296,14449908.70188176,0.9993605988490839,100064043,100128065,1.987913678884786,305052\r
            """;

    /** {@link #EXPERIMENT_COMPLETED} as {@link ExperimentRunsCsv} writes it: one row per run. */
    public static final String EXPERIMENT_RUNS_CSV = """
            experimentId,experimentName,strategy,threads,threadType,threadSafe,oversubscribed,verdict,measuredTrials,plannedTrials,corruptedTrials,lostUpdatesMean,lostUpdateRateMean,nsPerOpMean,nsPerOpError,nsPerOpMin,nsPerOpP50,nsPerOpP90,nsPerOpMax,opsPerSecondMean,opsPerSecondError,overlapMean,parallelismMean,verdictReason\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,unsynchronized,2,platform,false,false,CORRUPTED,3,3,3,401998029.3333333,0.4622397659499294,0.23825169572448293,0.8271346787344154,0.20787521540578738,0.21651446762783602,0.2903654041398254,0.2903654041398254,8582095836.984151,26996012836.577385,0.9864941491213145,1.9407558918366379,3 of 3 trials lost updates (up to 49.1% of all increments): concurrent read-modify-writes overwrote each other.\r
            3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13,catch the race,cas-loop,2,platform,true,false,NO_CORRUPTION_OBSERVED,3,3,0,0.0,0.0,93.31182503135508,756.5080488967833,56.82888842723772,84.69740767045455,138.40917899637296,138.40917899637296,24418916.864306834,189646400.00231683,0.9869187407188313,1.9234880109195602,No trial lost an update while all 2 threads ran at once for 98.7% of each trial on average.\r
            """;

    /** {@link #EXPERIMENT_COMPLETED} as {@link ExperimentTable} writes it. */
    public static final String EXPERIMENT_TEXT = """
            # Experiment: catch the race (3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13)
            # Status: COMPLETED, 2 of 2 runs finished
            # VM version: JDK 25.0.3, OpenJDK 64-Bit Server VM, 25.0.3+9-LTS
            # Processors: 2 (Intel(R) Xeon(R) Processor)
            # Mode: fixed time, 100 ms per trial, platform threads; 3 measured trials per run after 1 warm-up

            Strategy        Threads  Type      Trials   Lost   ns/op     Error       ops/s  Verdict
            unsynchronized        2  platform       3  46.2%   0.238 ±   0.827  8582095837  CORRUPTED
            cas-loop              2  platform       3   0.0%  93.312 ± 756.508    24418917  NO_CORRUPTION_OBSERVED

            Lost: mean share of increments lost per trial.
            Error: half-width of the 99.9% confidence interval of ns/op, as JMH's; n/a with one trial.
            """;

    public static final String EXPERIMENT_NOT_ACCEPTABLE = """
            {
              "type": "about:blank",
              "title": "Not Acceptable",
              "status": 406,
              "detail": "This resource cannot produce any of the media types the Accept header asks for (application/xml); ask for application/json, text/csv or text/plain.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13"
            }""";

    public static final String UNAUTHORIZED = """
            {
              "type": "urn:concurrency-playground:problem:unauthorized",
              "title": "Unauthorized",
              "status": 401,
              "detail": "Starting or cancelling experiments on this instance needs an API key: send Authorization: Bearer <key>. Reading results needs none.",
              "instance": "/api/experiments"
            }""";

    private OpenApiExamples() {
    }
}
