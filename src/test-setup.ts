import fc from 'fast-check';

/**
 * Property tests draw from a fixed seed so a CI run is reproducible; FC_SEED=<n> explores
 * other inputs locally (a failure prints the seed and path to replay it).
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_125) });
