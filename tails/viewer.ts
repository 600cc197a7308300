/** Who asks, as a use case needs to know: a partner key only ever sees and changes its own partner's data. */
export type Viewer = { keyId: string; canSee(partnerId: string): boolean };
