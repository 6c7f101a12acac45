/**
 * Fetches the public datasets over HTTP with resumed transfers, retries and checksums, and
 * unpacks their archives: {@link gmloss.download.Downloader} with the files of a
 * {@link gmloss.download.Source}; a {@link gmloss.download.TransferDisplay} shows a transfer as it
 * goes. One downloader serves one download at a time.
 */
package gmloss.download;
