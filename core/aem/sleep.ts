/** Waits, for the client's polls and settles (AEM has no push for the things we wait on). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
