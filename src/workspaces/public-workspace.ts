/** A workspace as the CLI and the API show it: never its (encrypted) secrets. */
export function publicWorkspace<W extends { kapsoApiKeyCiphertext: string | null }>(workspace: W) {
  const { kapsoApiKeyCiphertext, ...rest } = workspace;
  return { ...rest, hasKapsoApiKey: kapsoApiKeyCiphertext !== null };
}
