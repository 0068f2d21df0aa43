/** Above these the page draws a matrix on a canvas instead of one element per item. */
export const MATRIX_PARTITIONS = 64;
export const MATRIX_MEMBERS = 32;
