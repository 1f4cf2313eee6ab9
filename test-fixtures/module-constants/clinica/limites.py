"""Límites compartidos por los modelos y los formularios."""
LARGO_NOMBRE = 120
LARGO_CODIGO = 20
OPCIONAL = True
