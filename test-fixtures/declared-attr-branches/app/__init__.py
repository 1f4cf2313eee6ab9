"""A mixin column made by a @declared_attr whose body branches (indico's StoredFileMixin.created_dt,
RenderModeMixin.render_mode): the column is not seen, so it is taken as the migrations have it,
never reported as dropped. A column the model really dropped still is (issue 11)."""
