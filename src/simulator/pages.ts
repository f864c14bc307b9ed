// The non-JSON bodies the live backend (classic ASP on IIS) is known to produce, so the client's handling of
// them is tested against realistic text.

const iisPage = (title: string, heading: string, detail: string): string =>
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
  '<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n' +
  '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\r\n' +
  `<title>${title}</title>\r\n` +
  '<style type="text/css">\r\n<!--\r\nbody{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}\r\n-->\r\n</style>\r\n' +
  '</head>\r\n<body>\r\n<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n' +
  ` <div class="content-container"><fieldset>\r\n  <h2>${heading}</h2>\r\n  <h3>${detail}</h3>\r\n </fieldset></div>\r\n` +
  '</div>\r\n</body>\r\n</html>\r\n';

export const IIS_500_PAGE = iisPage(
  '500 - Internal server error.',
  '500 - Internal server error.',
  'There is a problem with the resource you are looking for, and it cannot be displayed.',
);

export const IIS_404_PAGE = iisPage(
  '404 - File or directory not found.',
  '404 - File or directory not found.',
  'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.',
);

/** A classic ASP runtime error printed into a 200 answer (the default when "send errors to browser" is on). */
export const ASP_ERROR_200 = (path: string): string =>
  '<font face="Arial" size=2>\r\n<p>Microsoft VBScript runtime </font> <font face="Arial" size=2>error \'800a000d\'</font>\r\n' +
  '<p>\r\n<font face="Arial" size=2>Type mismatch: \'CLng\'</font>\r\n<p>\r\n' +
  `<font face="Arial" size=2>${path}</font><font face="Arial" size=2>, line 42</font>\r\n`;

export const RATE_LIMIT_PAGE = '<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>\r\n';

/** IIS's answer to a verb classic ASP does not handle (PUT, DELETE, PATCH... on an .asp page). */
export const IIS_405_PAGE = iisPage(
  '405 - HTTP verb used to access this page is not allowed.',
  '405 - HTTP verb used to access this page is not allowed.',
  'The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.',
);
