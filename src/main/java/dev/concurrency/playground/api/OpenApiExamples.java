package dev.concurrency.playground.api;

/**
 * Example payloads for the OpenAPI document, kept in one place. The responses were captured from a
 * running service (2-core Intel Xeon, Temurin 25) and only shortened (ids made stable, JVM arguments
 * and some trials left out), so they show real figures.
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

    static final String EXPERIMENT_COMPLETED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "catch the race",
              "status": "COMPLETED",
              "submittedAt": "2026-11-25T00:20:39.212Z",
              "startedAt": "2026-11-25T00:20:39.214Z",
              "finishedAt": "2026-11-25T00:20:40.040Z",
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
                  "verdictReason": "3 of 3 trials lost updates (up to 49.2% of all increments): concurrent read-modify-writes overwrote each other.",
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 751383552,
                      "actualCount": 383266425,
                      "lostUpdates": 368117127,
                      "durationNanos": 100194661,
                      "nsPerOp": 0.266693783044109,
                      "opsPerSecond": 7499237429.427502,
                      "overlap": 0.9622853382811203,
                      "minThreadNanos": 96393284,
                      "maxThreadNanos": 100142997
                    },
                    {
                      "trial": 2,
                      "expectedCount": 785767424,
                      "actualCount": 410235744,
                      "lostUpdates": 375531680,
                      "durationNanos": 100218086,
                      "nsPerOp": 0.25508333112063447,
                      "opsPerSecond": 7840575043.51061,
                      "overlap": 0.9995619135171343,
                      "minThreadNanos": 100188164,
                      "maxThreadNanos": 100203242
                    },
                    {
                      "trial": 3,
                      "expectedCount": 769518592,
                      "actualCount": 391143540,
                      "lostUpdates": 378375052,
                      "durationNanos": 100106999,
                      "nsPerOp": 0.26018084563706034,
                      "opsPerSecond": 7686960948.654549,
                      "overlap": 0.9993564670936488,
                      "minThreadNanos": 100042347,
                      "maxThreadNanos": 100106769
                    }
                  ],
                  "summary": {
                    "trials": 3,
                    "corruptedTrials": 3,
                    "lostUpdates": {
                      "min": 368117127.0,
                      "mean": 374007953.0,
                      "max": 378375052.0
                    },
                    "lostUpdateRate": {
                      "min": 0.477917089115672,
                      "mean": 0.4865132469485028,
                      "max": 0.49170358706550915
                    },
                    "nsPerOp": {
                      "n": 3,
                      "mean": 0.26065265326726794,
                      "stddev": 0.005819587639753352,
                      "min": 0.25508333112063447,
                      "p50": 0.26018084563706034,
                      "p90": 0.266693783044109,
                      "max": 0.266693783044109,
                      "error": 0.10617094292925654,
                      "confidence": [
                        0.1544817103380114,
                        0.3668235961965245
                      ]
                    },
                    "opsPerSecond": {
                      "n": 3,
                      "mean": 7675591140.530887,
                      "stddev": 170952613.60846126,
                      "min": 7499237429.427502,
                      "p50": 7686960948.654549,
                      "p90": 7840575043.51061,
                      "max": 7840575043.51061,
                      "error": 3118812071.6746235,
                      "confidence": [
                        4556779068.856263,
                        10794403212.20551
                      ]
                    },
                    "overlap": {
                      "min": 0.9622853382811203,
                      "mean": 0.9870679062973012,
                      "max": 0.9995619135171343
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
                  "verdictReason": "No trial lost an update while all 2 threads ran at once for 98.6% of each trial on average.",
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 1193984,
                      "actualCount": 1193984,
                      "lostUpdates": 0,
                      "durationNanos": 100114627,
                      "nsPerOp": 167.69843984509006,
                      "opsPerSecond": 11926169.389813539,
                      "overlap": 0.9998116152540623,
                      "minThreadNanos": 100099090,
                      "maxThreadNanos": 100110576,
                      "casFailures": 330587
                    },
                    {
                      "trial": 2,
                      "expectedCount": 3040256,
                      "actualCount": 3040256,
                      "lostUpdates": 0,
                      "durationNanos": 100124082,
                      "nsPerOp": 65.86556000547323,
                      "opsPerSecond": 30364882.6463148,
                      "overlap": 0.9605214427192045,
                      "minThreadNanos": 96192232,
                      "maxThreadNanos": 100069890,
                      "casFailures": 440661
                    },
                    {
                      "trial": 3,
                      "expectedCount": 1682432,
                      "actualCount": 1682432,
                      "lostUpdates": 0,
                      "durationNanos": 100147028,
                      "nsPerOp": 119.0503128804017,
                      "opsPerSecond": 16799619.85491971,
                      "overlap": 0.9991321035339163,
                      "minThreadNanos": 100059821,
                      "maxThreadNanos": 100146738,
                      "casFailures": 475234
                    }
                  ],
                  "summary": {
                    "trials": 3,
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
                      "mean": 117.538104243655,
                      "stddev": 50.933279251666576,
                      "min": 65.86556000547323,
                      "p50": 119.0503128804017,
                      "p90": 167.69843984509006,
                      "max": 167.69843984509006,
                      "error": 929.2126211295903,
                      "confidence": [
                        -811.6745168859353,
                        1046.7507253732454
                      ]
                    },
                    "opsPerSecond": {
                      "n": 3,
                      "mean": 19696890.63034935,
                      "stddev": 9554693.61614949,
                      "min": 11926169.389813539,
                      "p50": 16799619.85491971,
                      "p90": 30364882.6463148,
                      "max": 30364882.6463148,
                      "error": 174313180.49017873,
                      "confidence": [
                        -154616289.8598294,
                        194010071.12052807
                      ]
                    },
                    "overlap": {
                      "min": 0.9605214427192045,
                      "mean": 0.986488387169061,
                      "max": 0.9998116152540623
                    }
                  }
                }
              ]
            }""";

    static final String EXPERIMENT_LIST = """
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

    static final String JMH_EXPORT = """
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

    static final String JMH_UNKNOWN_EXPERIMENT = """
            {
              "type": "urn:concurrency-playground:problem:not-found",
              "title": "Not found",
              "status": 404,
              "detail": "There is no experiment '3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13'. It may never have existed, or it was evicted after the service kept its newest finished experiments; GET /api/experiments lists those it has.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13/jmh"
            }""";

    static final String LIMITS = """
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

    static final String EVENT_STREAM = """
            event:state
            data:{"id":"3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13","name":"followed","status":"QUEUED","submittedAt":"2026-11-25T00:20:38.870Z","spec":{"name":"followed","strategies":["atomic"],"threadCounts":[2],"threadType":"platform","durationMillis":50,"trials":2,"warmupTrials":0},"progress":{"completedRuns":0,"totalRuns":1},"runs":[]}

            event:status
            data:{"id":"3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13","status":"RUNNING","progress":{"completedRuns":0,"totalRuns":1},"error":null}

            event:trial
            data:{"strategy":"atomic","threads":2,"threadType":"platform","trial":{"trial":1,"expectedCount":2057216,"actualCount":2057216,"lostUpdates":0,"durationNanos":50144858,"nsPerOp":48.75021193690891,"opsPerSecond":41025462.67056933,"overlap":0.9927952493858248,"minThreadNanos":49779967,"maxThreadNanos":50141222}}

            event:trial
            data:{"strategy":"atomic","threads":2,"threadType":"platform","trial":{"trial":2,"expectedCount":2963456,"actualCount":2963456,"lostUpdates":0,"durationNanos":50108486,"nsPerOp":33.817600801226675,"opsPerSecond":59140801.021208264,"overlap":0.999393154039968,"minThreadNanos":50090426,"maxThreadNanos":50095702}}

            event:run
            data:{"strategy":"atomic","threads":2,"threadType":"platform","threadSafe":true,"oversubscribed":false,"verdict":"NO_CORRUPTION_OBSERVED","verdictReason":"No trial lost an update while all 2 threads ran at once for 99.6% of each trial on average.","summary":{"trials":2,"corruptedTrials":0,"lostUpdates":{"min":0.0,"mean":0.0,"max":0.0},"lostUpdateRate":{"min":0.0,"mean":0.0,"max":0.0},"nsPerOp":{"n":2,"mean":41.28390636906779,"stddev":10.558950594862662,"min":33.817600801226675,"p50":41.28390636906779,"p90":48.75021193690891,"max":48.75021193690891,"error":4753.193841676978,"confidence":[-4711.90993530791,4794.477748046046]},"opsPerSecond":{"n":2,"mean":50083131.84588879,"stddev":12809478.591225518,"min":41025462.67056933,"p50":50083131.84588879,"p90":59140801.021208264,"max":59140801.021208264,"error":5766286545.987779,"confidence":[-5716203414.14189,5816369677.833668]},"overlap":{"min":0.9927952493858248,"mean":0.9960942017128964,"max":0.999393154039968}}}

            event:end
            data:{"id":"3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13","name":"followed","status":"COMPLETED","submittedAt":"2026-11-25T00:20:38.870Z","startedAt":"2026-11-25T00:20:39.052Z","finishedAt":"2026-11-25T00:20:39.190Z","spec":{"name":"followed","strategies":["atomic"],"threadCounts":[2],"threadType":"platform","durationMillis":50,"trials":2,"warmupTrials":0},"progress":{"completedRuns":1,"totalRuns":1},"environment":{"javaVersion":"25.0.3","javaVendor":"Eclipse Adoptium","vmName":"OpenJDK 64-Bit Server VM","vmVendor":"Eclipse Adoptium","vmVersion":"25.0.3+9-LTS","jvmArguments":[],"garbageCollectors":["G1 Young Generation","G1 Concurrent GC","G1 Old Generation"],"availableProcessors":2,"cpuModel":"Intel(R) Xeon(R) Processor","osName":"Linux","osVersion":"6.18.44-fc-v769","osArch":"amd64","playgroundVersion":"0.1.0-SNAPSHOT","quarkusVersion":"3.33.2"},"runs":[{"strategy":"atomic","threads":2,"threadType":"platform","threadSafe":true,"oversubscribed":false,"verdict":"NO_CORRUPTION_OBSERVED","verdictReason":"No trial lost an update while all 2 threads ran at once for 99.6% of each trial on average.","trials":[{"trial":1,"expectedCount":2057216,"actualCount":2057216,"lostUpdates":0,"durationNanos":50144858,"nsPerOp":48.75021193690891,"opsPerSecond":41025462.67056933,"overlap":0.9927952493858248,"minThreadNanos":49779967,"maxThreadNanos":50141222},{"trial":2,"expectedCount":2963456,"actualCount":2963456,"lostUpdates":0,"durationNanos":50108486,"nsPerOp":33.817600801226675,"opsPerSecond":59140801.021208264,"overlap":0.999393154039968,"minThreadNanos":50090426,"maxThreadNanos":50095702}],"summary":{"trials":2,"corruptedTrials":0,"lostUpdates":{"min":0.0,"mean":0.0,"max":0.0},"lostUpdateRate":{"min":0.0,"mean":0.0,"max":0.0},"nsPerOp":{"n":2,"mean":41.28390636906779,"stddev":10.558950594862662,"min":33.817600801226675,"p50":41.28390636906779,"p90":48.75021193690891,"max":48.75021193690891,"error":4753.193841676978,"confidence":[-4711.90993530791,4794.477748046046]},"opsPerSecond":{"n":2,"mean":50083131.84588879,"stddev":12809478.591225518,"min":41025462.67056933,"p50":50083131.84588879,"p90":59140801.021208264,"max":59140801.021208264,"error":5766286545.987779,"confidence":[-5716203414.14189,5816369677.833668]},"overlap":{"min":0.9927952493858248,"mean":0.9960942017128964,"max":0.999393154039968}}}]}""";
    static final String BODY_TOO_LARGE = """
            {
              "type": "urn:concurrency-playground:problem:body-too-large",
              "title": "Request body too large",
              "status": 413,
              "detail": "The request body has 70012 bytes, more than the 65536 this service accepts; an experiment request is a small JSON object (see GET /api/limits).",
              "instance": "/api/experiments"
            }""";
    static final String QUEUE_FULL = """
            {
              "type": "urn:concurrency-playground:problem:queue-full",
              "title": "Queue full",
              "status": 429,
              "detail": "The queue is full (32 experiments waiting, the configured capacity); retry in about 41 s, or submit smaller experiments.",
              "instance": "/api/experiments"
            }""";
    static final String SHUTTING_DOWN = """
            {
              "type": "urn:concurrency-playground:problem:shutting-down",
              "title": "Shutting down",
              "status": 503,
              "detail": "The service is shutting down and accepts no new experiments; submit again once it is back.",
              "instance": "/api/experiments"
            }""";
    static final String EXPERIMENT_CANCELLED = """
            {
              "id": "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13",
              "name": "long",
              "status": "CANCELLED",
              "submittedAt": "2026-11-25T00:20:10.766Z",
              "startedAt": "2026-11-25T00:20:10.766Z",
              "finishedAt": "2026-11-25T00:20:12.872Z",
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
                  "verdictReason": "No trial lost an update while all 2 threads ran at once for 99.9% of each trial on average.",
                  "trials": [
                    {
                      "trial": 1,
                      "expectedCount": 20635136,
                      "actualCount": 20635136,
                      "lostUpdates": 0,
                      "durationNanos": 501348932,
                      "nsPerOp": 48.59177395293155,
                      "opsPerSecond": 41159229.99512842,
                      "overlap": 0.9998237674046966,
                      "minThreadNanos": 501260445,
                      "maxThreadNanos": 501348799
                    },
                    {
                      "trial": 2,
                      "expectedCount": 624960,
                      "actualCount": 624960,
                      "lostUpdates": 0,
                      "durationNanos": 500464263,
                      "nsPerOp": 1601.5881432411675,
                      "opsPerSecond": 1248760.493414092,
                      "overlap": 0.9998409456428432,
                      "minThreadNanos": 500415156,
                      "maxThreadNanos": 500433497
                    },
                    {
                      "trial": 3,
                      "expectedCount": 1529216,
                      "actualCount": 1529216,
                      "lostUpdates": 0,
                      "durationNanos": 500544223,
                      "nsPerOp": 654.6416242048213,
                      "opsPerSecond": 3055106.681353108,
                      "overlap": 0.9999523158656515,
                      "minThreadNanos": 500530736,
                      "maxThreadNanos": 500533088
                    }
                  ],
                  "summary": {
                    "trials": 4,
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
                      "n": 4,
                      "mean": 769.9964308744214,
                      "stddev": 639.0886459585939,
                      "min": 48.59177395293155,
                      "p50": 714.9029031517933,
                      "p90": 1601.5881432411675,
                      "max": 1601.5881432411675,
                      "error": 4129.784003660405,
                      "confidence": [
                        -3359.7875727859832,
                        4899.780434534826
                      ]
                    },
                    "opsPerSecond": {
                      "n": 4,
                      "mean": 12010798.935700126,
                      "stddev": 19447322.332795024,
                      "min": 1248760.493414092,
                      "p50": 2817602.627128992,
                      "p90": 41159229.99512842,
                      "max": 41159229.99512842,
                      "error": 125668389.18494582,
                      "confidence": [
                        -113657590.2492457,
                        137679188.12064594
                      ]
                    },
                    "overlap": {
                      "min": 0.9953690894945055,
                      "mean": 0.9987465296019242,
                      "max": 0.9999523158656515
                    }
                  }
                }
              ],
              "error": "cancelled by request"
            }""";

    /** {@link #EXPERIMENT_COMPLETED} as {@link ExperimentCsv} writes it; each line ends in CRLF. */
    static final String EXPERIMENT_CSV = """
            strategy,threads,threadType,trial,expectedCount,actualCount,lostUpdates,durationNanos,nsPerOp,opsPerSecond,overlap,casFailures\r
            unsynchronized,2,platform,1,751383552,383266425,368117127,100194661,0.266693783044109,7499237429.427502,0.9622853382811203,\r
            unsynchronized,2,platform,2,785767424,410235744,375531680,100218086,0.25508333112063447,7840575043.51061,0.9995619135171343,\r
            unsynchronized,2,platform,3,769518592,391143540,378375052,100106999,0.26018084563706034,7686960948.654549,0.9993564670936488,\r
            cas-loop,2,platform,1,1193984,1193984,0,100114627,167.69843984509006,11926169.389813539,0.9998116152540623,330587\r
            cas-loop,2,platform,2,3040256,3040256,0,100124082,65.86556000547323,30364882.6463148,0.9605214427192045,440661\r
            cas-loop,2,platform,3,1682432,1682432,0,100147028,119.0503128804017,16799619.85491971,0.9991321035339163,475234\r
            """;

    /** {@link #EXPERIMENT_COMPLETED} as {@link ExperimentTable} writes it. */
    static final String EXPERIMENT_TEXT = """
            # Experiment: catch the race (3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13)
            # Status: COMPLETED, 2 of 2 runs finished
            # VM version: JDK 25.0.3, OpenJDK 64-Bit Server VM, 25.0.3+9-LTS
            # Processors: 2 (Intel(R) Xeon(R) Processor)
            # Mode: fixed time, 100 ms per trial, platform threads; 3 measured trials per run after 1 warm-up

            Strategy        Threads  Type      Trials   Lost    ns/op     Error       ops/s  Verdict
            unsynchronized        2  platform       3  48.7%    0.261 ±   0.106  7675591141  CORRUPTED
            cas-loop              2  platform       3   0.0%  117.538 ± 929.213    19696891  NO_CORRUPTION_OBSERVED

            Lost: mean share of increments lost per trial.
            Error: half-width of the 99.9% confidence interval of ns/op, as JMH's; n/a with one trial.
            """;

    static final String EXPERIMENT_NOT_ACCEPTABLE = """
            {
              "type": "about:blank",
              "title": "Not Acceptable",
              "status": 406,
              "detail": "This resource cannot produce any of the media types the Accept header asks for (application/xml); ask for application/json.",
              "instance": "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13"
            }""";

    static final String UNAUTHORIZED = """
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
