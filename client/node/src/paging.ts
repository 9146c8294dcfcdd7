// Iterating over every item of a paginated list call.

/** Yields the items of every page, fetching the next page only when needed. */
export async function* iteratePages<Page extends { nextPageToken: string }, Item>(
  fetchPage: (pageToken: string) => Promise<Page>,
  items: (page: Page) => Item[],
): AsyncGenerator<Item> {
  let pageToken = "";
  do {
    const page = await fetchPage(pageToken);
    yield* items(page);
    pageToken = page.nextPageToken;
  } while (pageToken);
}
