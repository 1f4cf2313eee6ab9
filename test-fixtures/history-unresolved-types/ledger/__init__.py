"""Column types the history replay cannot read, as lemur, flaskbb and redash write them: sqlalchemy_utils
types and the project's own TypeDecorators named in revision files, a column that takes its type from its
foreign key, an alter_column to a project type. The models resolve them; the history cannot."""
