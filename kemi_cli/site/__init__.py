"""The public strategy site: a page per goal, objective, indicator and project, in Finnish and
in English, around the published reports. `pages` decides what pages there are and what each
shows (pure); `render` turns one page into HTML with the site's header, footer and links."""
