/**
 * Weights at receiving (issue 19): a lot's net weight as weighed (kilograms, what AI 310n on its
 * label carries) and where the weight came from: the scale's device id, or NULL when it was typed.
 * Both nullable, so a lot received without weighing, and every lot before, keeps its digest.
 */
export default /* sql */ `
ALTER TABLE lots ADD COLUMN net_weight_kg REAL CHECK (net_weight_kg IS NULL OR net_weight_kg > 0);
ALTER TABLE lots ADD COLUMN net_weight_device TEXT;
`;
